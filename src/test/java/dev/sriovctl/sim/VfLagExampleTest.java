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
 * examples/guide-host-vflag.yaml (the guide's host with VF-LAG) on the simulated host: it converges
 * with the hardware LAG active and the VFs bound only after it, from a fresh card and from the guide's
 * converged host (examples/guide-host, Open vSwitch bond, VFs held by VMs); and a failed port keeps
 * the VFs connected with the LAG, while under the guide's OVS bond the VFs of that port are cut off.
 */
class VfLagExampleTest {

    @TempDir
    Path tmp;

    static final Path VFLAG = Fixtures.repo().resolve("examples/guide-host-vflag.yaml");
    static final Path OVS_BOND = Fixtures.repo().resolve("examples/guide-host.yaml");
    static final Path GUIDE_HOST = Fixtures.repo().resolve("examples/guide-host");
    static final String PF0 = "0000:81:00.0";
    static final List<String> VFS = List.of("0000:81:00.2", "0000:81:00.3", "0000:81:00.4", "0000:81:00.5");

    @Test
    void onAFreshCardTheLagIsActiveBeforeAnyVfIsBound() {
        try (SimHost h = Sims.guideLike(tmp)) {
            List<String> boundWhenLagActive = new ArrayList<>();
            converge(h, plan(h, VFLAG, PlanOptions.defaults()), s -> {
                if (s.kind().equals("WaitForLagActive")) boundWhenLagActive.addAll(boundVfs(h));
            });
            assertThat(boundWhenLagActive).as("VFs bound when the LAG became active").isEmpty();
            assertLagActiveAndVfsBound(h);
            assertThat(plan(h, VFLAG, PlanOptions.defaults()).steps()).as("nothing left to do").isEmpty();
        }
    }

    @Test
    void fromTheGuidesConvergedHostItNeedsAllowDisruptionThenConverges() {
        try (SimHost h = SnapshotTwin.create(GUIDE_HOST, tmp.resolve("twin"))) {
            // the snapshot records sysfs and command outputs, not /etc: give the twin the installer's interfaces file
            h.writeFile(Ifupdown2Files.INTERFACES, Ifupdown2Files.proxmoxDefault("eno1", "10.0.0.2/24", "10.0.0.1")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
            h.mkdirs(Ifupdown2Files.INTERFACES_D);
            assertThat(VFS).allMatch(v -> "vfio-pci".equals(driver(h, v)));
            Plan refused = plan(h, VFLAG, PlanOptions.defaults());
            assertThat(refused.blockers()).as("the VFs held by VMs block the LAG").isNotEmpty()
                    .allSatisfy(b -> assertThat(b.fix()).contains("--allow-disruption"));

            List<String> boundWhenLagActive = new ArrayList<>();
            converge(h, plan(h, VFLAG, new PlanOptions(true, null, null)), s -> {
                if (s.kind().equals("WaitForLagActive")) boundWhenLagActive.addAll(boundVfs(h));
            });
            assertThat(boundWhenLagActive).isEmpty();
            assertLagActiveAndVfsBound(h);
            assertThat(Sims.run(h, "ip", "-d", "link", "show", "dev", "bond1").stdout()).contains("bond mode 802.3ad");
        }
    }

    @Test
    void aFailedPortKeepsVfsConnectedWithTheLagButCutsThemOffUnderTheOvsBond() {
        try (SimHost lag = Sims.create(tmp.resolve("lag"), SimOptions.defaults("cx6lx-2p"));
             SimHost ovs = Sims.create(tmp.resolve("ovs"), SimOptions.defaults("cx6lx-2p"))) {
            converge(lag, plan(lag, VFLAG, PlanOptions.defaults()), s -> { });
            converge(ovs, plan(ovs, OVS_BOND, PlanOptions.defaults()), s -> { });
            for (SimHost h : List.of(lag, ovs)) {
                assertThat(VFS).allMatch(v -> h.vfConnectivity(v).connected());
                h.setPortLink(PF0, false); // sriovctl sim fault: port p0 loses its link
            }
            for (String vf : VFS) {
                assertThat(lag.vfConnectivity(vf).connected()).as(vf + " with VF-LAG: " + lag.vfConnectivity(vf).reason()).isTrue();
                assertThat(lag.vfConnectivity(vf).reason()).contains("hardware LAG carries it through port p1");
                assertThat(ovs.vfConnectivity(vf).connected()).as(vf + " under the OVS bond: " + ovs.vfConnectivity(vf).reason()).isFalse();
            }
            // the driver remaps port 1's traffic to port 2, as its log says
            assertThat(Sims.log(lag)).contains("lag map: port 1:2 port 2:2");
            lag.setPortLink(PF0, true);
            assertThat(Sims.log(lag)).endsWith("lag map: port 1:1 port 2:2");
        }
    }

    /** The rehearsal of docs/vf-lag.md, through the CLI as written there (with --no-guard: no one confirms here). */
    @Test
    void theRehearsalOfTheDocsRunsThroughTheCli() {
        String dir = tmp.resolve("pve-sim").toString();
        assertThat(dev.sriovctl.cli.CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "-o", dir).exitCode()).isZero();
        var apply = dev.sriovctl.cli.CliDriver.run("apply", "--sim", dir, "--no-guard", "-f", VFLAG.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(dev.sriovctl.cli.CliDriver.run("sim", "fault", dir, "link-down", "enp129s0f0np0").exitCode()).isZero();
        var status = dev.sriovctl.cli.CliDriver.run("sim", "status", dir);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("hardware LAG carries it through port p1").doesNotContain("no hardware LAG is active");
    }

    private static void assertLagActiveAndVfsBound(SimHost h) {
        String lag = "/sys/kernel/debug/mlx5/" + PF0 + "/lag/";
        assertThat(Sims.read(h, lag + "state")).isEqualTo("active");
        assertThat(Sims.read(h, lag + "type")).isEqualTo("switchdev");
        assertThat(Sims.read(h, lag + "flags")).startsWith("shared_fdb:on");
        assertThat(Sims.log(h)).contains("Operation mode is single FDB").doesNotContain("Failed to activate VF LAG");
        assertThat(VFS).allMatch(v -> "vfio-pci".equals(driver(h, v)));
    }

    static List<String> boundVfs(SimHost h) {
        return VFS.stream().filter(v -> driver(h, v) != null).toList();
    }

    static String driver(SimHost h, String pci) {
        return h.readLink("/sys/bus/pci/devices/" + pci + "/driver").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
    }

    static Plan plan(SimHost h, Path spec, PlanOptions options) {
        return HostPlanner.plan(h, SpecLoader.read(spec), options).plan();
    }

    /** Runs every step: preconditions hold, actions succeed, read-backs hold; {@code after} sees each verified step. */
    static void converge(SimHost h, Plan plan, java.util.function.Consumer<Step> after) {
        assertThat(plan.blockers()).as("blockers").isEmpty();
        for (Step s : plan.steps()) {
            String what = s.kind() + " " + s.subject();
            for (Probe p : s.precondition()) {
                Observation o = p.check(h);
                assertThat(o.ok()).as("precondition of " + what + ": " + p.display() + " read " + o.observed()).isTrue();
            }
            for (Action a : s.actions()) a.apply(h);
            for (Probe p : s.verify()) {
                Observation o = p.check(h);
                assertThat(o.ok()).as("after " + what + ": " + p.display() + " read " + o.observed()).isTrue();
            }
            after.accept(s);
        }
    }
}
