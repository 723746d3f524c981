package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.plan.Action;
import dev.sriovctl.plan.HostPlanner;
import dev.sriovctl.plan.Observation;
import dev.sriovctl.plan.Plan;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Probe;
import dev.sriovctl.plan.Step;
import dev.sriovctl.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argv, write and read-back the plan of examples/guide-host.yaml emits is answered by the simulated
 * host the way the real tools answer it: on a fresh cx6lx-2p host each step's preconditions hold, its actions
 * succeed and its verification holds right after (the simulator is instantaneous, so no retry is needed);
 * planning again afterwards finds nothing left to do.
 */
class PlanOnSimTest {

    @TempDir
    Path tmp;

    private static final Path SPEC = Fixtures.repo().resolve("examples/guide-host.yaml");

    @Test
    void everyStepOfTheGuideSpecRunsAndVerifiesOnAFreshHost() {
        try (SimHost h = Sims.guideLike(tmp)) {
            converge(h, SPEC, PlanOptions.defaults());
            assertThat(run(h, "ovs-appctl", "bond/show", "bond1").stdout()).contains("lacp_status: negotiated")
                    .contains("lacp_fallback_ab: true"); // sriovctl puts it on the bond's Port, where OVS reads it
        }
    }

    @Test
    void theVfLagVariantActivatesTheLagBeforeBindingAndProtectsTheVfs() throws Exception {
        Path spec = vfLagSpec();
        try (SimHost h = Sims.guideLike(tmp)) {
            List<String> kinds = converge(h, spec, PlanOptions.defaults());
            assertThat(kinds).containsSubsequence("IfReload", "WaitForLagActive", "BindVf");
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
            h.setPortLink("0000:81:00.0", false);
            assertThat(run(h, "sim-probe", "vf", "0000:81:00.2").exitCode()).isZero();
        }
    }

    @Test
    void fromTheGuidesOvsBondToVfLagOnAHostWhoseVmsHoldTheVfs() throws Exception {
        Path spec = vfLagSpec();
        try (SimHost h = Sims.guideLike(tmp)) {
            converge(h, SPEC, PlanOptions.defaults());
            // the VMs hold the VFs: the LAG cannot form until they are unbound, which is disruptive
            converge(h, spec, new PlanOptions(true, null, null));
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
            assertThat(run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout()).startsWith("bond1\n");
            assertThat(run(h, "ip", "-d", "link", "show", "dev", "bond1").stdout()).contains("master ovs-system").contains("bond mode 802.3ad");
        }
    }

    /** The guide spec with its bond as VF-LAG (a Linux 802.3ad bond of both PFs as the bridge's port). */
    private Path vfLagSpec() throws java.io.IOException {
        String text = java.nio.file.Files.readString(SPEC).replace(
                "{name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp}",
                "{name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}").replace("  lacp-fallback-ab: true ", "  #");
        assertThat(text).contains("type: vf-lag");
        Path p = tmp.resolve("vf-lag.yaml");
        java.nio.file.Files.writeString(p, text);
        return p;
    }

    /** Runs every step of the plan, checking preconditions and verifications; then nothing is left to do. */
    private static List<String> converge(SimHost h, Path spec, PlanOptions options) {
        Plan plan = plan(h, spec, options);
        assertThat(plan.blockers()).as("blockers").isEmpty();
        assertThat(plan.steps()).isNotEmpty();
        List<String> done = new ArrayList<>();
        for (Step s : plan.steps()) {
            String what = s.kind() + " " + s.subject();
            for (Probe p : s.precondition()) assertThat(holds(h, p)).as("precondition of " + what + ": " + p.display()).isTrue();
            for (Action a : s.actions()) a.apply(h);
            for (Probe p : s.verify()) {
                Observation o = p.check(h);
                assertThat(o.ok()).as("after " + what + " (" + String.join(", ", done) + " done): " + p.display()
                        + " saw " + o.observed()).isTrue();
            }
            done.add(s.kind());
        }
        Plan again = plan(h, spec, options);
        assertThat(again.steps()).as("steps left after running the plan: %s",
                again.steps().stream().map(s -> s.kind() + " " + s.subject() + ": " + s.summary()).toList()).isEmpty();
        return done;
    }

    private static Plan plan(SimHost h, Path spec, PlanOptions options) {
        return HostPlanner.plan(h, SpecLoader.read(spec), options).plan();
    }

    private static dev.sriovctl.host.CommandResult run(SimHost h, String... argv) {
        return Sims.run(h, argv);
    }

    private static boolean holds(SimHost h, Probe p) {
        return p.check(h).ok();
    }
}
