package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
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

import java.nio.file.Files;
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

    @Test
    void aHostWithoutEtcNetworkInterfacesIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path dir = tmp.resolve("no-interfaces");
        SimBuilder.create(dir, SimOptions.defaults("cx6lx-2p")).close();
        Files.delete(dir.resolve("fs/etc/network/interfaces"));
        CliDriver.Result plan = CliDriver.run("plan", "--sim", dir.toString(), "-f", SPEC.toString());
        assertThat(plan.out() + plan.err()).contains("/etc/network/interfaces").contains("is missing on")
                .contains("ifupdown2 would never read /etc/network/interfaces.d/sriovctl");
        CliDriver.Result apply = CliDriver.run("apply", "--sim", dir.toString(), "--no-guard", "-y", "-f", SPEC.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(1);
        assertThat(apply.out() + apply.err()).contains("refused").contains("is missing on");
        assertThat(dir.resolve("fs/etc/network/interfaces.d/sriovctl")).doesNotExist();
    }

    @Test
    void undoingEveryStepInReverseRestoresTheFreshHost() {
        // what apply's rollback runs: each step's undo, last step first
        try (SimHost h = Sims.guideLike(tmp)) {
            Plan before = plan(h, SPEC, PlanOptions.defaults());
            converge(h, SPEC, PlanOptions.defaults());
            List<Step> steps = new ArrayList<>(before.steps());
            java.util.Collections.reverse(steps);
            for (Step s : steps) {
                for (Action a : s.undo().actions()) a.apply(h);
            }
            Plan after = plan(h, SPEC, PlanOptions.defaults());
            assertThat(after.steps().stream().map(s -> s.kind() + " " + s.subject() + ": " + s.summary()).toList())
                    .isEqualTo(before.steps().stream().map(s -> s.kind() + " " + s.subject() + ": " + s.summary()).toList());
            assertThat(run(h, "ovs-vsctl", "list-br").stdout()).isEmpty();
            assertThat(run(h, "ovs-vsctl", "get", "Open_vSwitch", ".", "other_config").stdout()).isEqualTo("{}\n");
        }
    }

    @Test
    void vfSettingsRepresentorTagsAndAFastLacpBondRunOnTheSim() throws Exception {
        // the complete example of docs/spec.md: per-VF MAC, VLAN (a representor tag in switchdev), rate and driver
        Path spec = spec("spec-example.yaml", """
                version: 1
                nics:
                  - name: sw1
                    representor-name: "ovs-{nic}{port}"
                    order: vfs-first
                    ports:
                      - pf: enp129s0f0np0
                        eswitch: switchdev
                        vfs: 4
                        vf-driver: vfio-pci
                        vf-settings:
                          - {vf: 0, mac: "02:00:00:00:00:10", vlan: 100}
                          - {vf: 1, max-rate: 5000, driver: mlx5_core}
                      - pf: enp129s0f1np1
                        eswitch: switchdev
                        vfs: 0
                ovs:
                  hw-offload: true
                  tc-policy: skip_sw
                  lacp-fallback-ab: true
                bridges:
                  - name: vmbr1
                    mtu: 9000
                    address: 192.168.1.2/24
                    gateway: 192.168.1.1
                    bond: {name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp, lacp-time: fast}
                    ports: ["sw1/pf0vf[0-3]"]
                """);
        try (SimHost h = Sims.guideLike(tmp)) {
            List<String> kinds = converge(h, spec, PlanOptions.defaults());
            assertThat(kinds).contains("SetVfMac", "SetVfMaxRate");
            assertThat(run(h, "ovs-vsctl", "get", "Port", "ovs-sw1pf0vf0", "tag").stdout()).isEqualTo("100\n");
            assertThat(run(h, "ovs-appctl", "lacp/show", "bond1").stdout()).contains("lacp_time: fast");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00.3/driver")).hasValueSatisfying(d -> assertThat(d).endsWith("/mlx5_core"));
        }
    }

    @Test
    void legacyVfSettingsRunOnTheSim() throws Exception {
        Path spec = spec("legacy.yaml", """
                version: 1
                nics:
                  - name: sw1
                    ports:
                      - pf: enp129s0f0np0
                        eswitch: legacy
                        vfs: 2
                        vf-settings:
                          - {vf: 0, mac: "02:00:00:00:00:20", vlan: 20, trust: true, spoofchk: false, max-rate: 1000}
                          - {vf: 1, spoofchk: true}
                """);
        try (SimHost h = Sims.guideLike(tmp)) {
            List<String> kinds = converge(h, spec, PlanOptions.defaults());
            assertThat(kinds).contains("SetVfMac", "SetVfVlan", "SetVfTrust", "SetVfSpoofchk", "SetVfMaxRate");
            assertThat(run(h, "ip", "link", "show", "enp129s0f0np0").stdout())
                    .contains("vf 0     link/ether 02:00:00:00:00:20 brd ff:ff:ff:ff:ff:ff, vlan 20, tx rate 1000 (Mbps)");
        }
    }

    @Test
    void anotherNicNameRenamesTheRepresentorsInPlace() throws Exception {
        try (SimHost h = Sims.guideLike(tmp)) {
            converge(h, SPEC, PlanOptions.defaults());
            Path renamed = spec("renamed.yaml", java.nio.file.Files.readString(SPEC).replace("name: sw1 ", "name: sw2 ")
                    .replace("sw1/", "sw2/"));
            List<String> kinds = converge(h, renamed, new PlanOptions(true, null, null));
            assertThat(kinds).contains("TriggerUdev");
            assertThat(run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout())
                    .isEqualTo("bond1\novs-sw2pf0vf0\novs-sw2pf0vf1\novs-sw2pf0vf2\novs-sw2pf0vf3\n");
        }
    }

    private Path spec(String name, String text) throws java.io.IOException {
        Path p = tmp.resolve(name);
        java.nio.file.Files.writeString(p, text);
        return p;
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
