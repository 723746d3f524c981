package dev.sriovctl.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.TestHosts;
import dev.sriovctl.observe.ConfigFiles;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.OvsState;
import dev.sriovctl.spec.Spec;
import dev.sriovctl.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    static Spec guide() {
        return SpecLoader.read(Fixtures.repo().resolve("examples/guide-host.yaml")).orThrow().spec();
    }

    static Plan plan(Inventory inv, ConfigFiles files, Spec spec) {
        return Planner.plan(inv, files, spec, PlanOptions.defaults());
    }

    static List<String> kinds(Plan p) {
        return p.steps().stream().map(Step::kind).toList();
    }

    @Test
    void aFreshGuideHostGetsTheMlx5OrderWithUdevRulesFirst() {
        Plan p = plan(TestHosts.guideFresh(), TestHosts.freshFiles(), guide());
        assertThat(kinds(p)).containsExactly(
                "WriteFile", "WriteFile", "ReloadUdevRules",
                "SetNumVfs", "WaitForVfs", "UnbindVf", "UnbindVf", "UnbindVf", "UnbindVf", "SetEswitchMode", "WaitForRepresentors",
                "SetEswitchMode",
                "SetOvsOtherConfig", "RestartVswitchd",
                "WriteFile", "IfReload",
                "LoadKernelModule", "BindVf", "BindVf", "BindVf", "BindVf",
                "WriteFile", "WriteFile", "WriteFile", "ReloadSystemd", "EnableUnit", "EnableUnit");
        assertThat(p.steps()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        assertThat(p.blockers()).isEmpty();
    }

    @Test
    void aConvergedHostPlansZeroChanges() {
        Plan p = plan(TestHosts.guideConverged(), Scenarios.converged(TestHosts.guideFresh(), guide()), guide());
        assertThat(p.steps()).isEmpty();
        assertThat(p.converged()).isTrue();
        assertThat(p.files()).isEmpty();
    }

    @Test
    void theModeIsNotSetAgainWhenOnlyTheCountChanges() {
        Spec six = Scenarios.spec(guideText().replace("vfs: 4", "vfs: 6"), TestHosts.guideConverged());
        Inventory inv = TestHosts.withPf(TestHosts.guideConverged(), TestHosts.PF0,
                b -> b.vfs(TestHosts.vfs(TestHosts.PF0, 2, 4, "ovs-sw1pf0vf", "mlx5_core", "c4:70:ff:ff:ff:e")));
        Plan p = plan(inv, Scenarios.converged(TestHosts.guideFresh(), guide()), six);
        assertThat(kinds(p)).doesNotContain("SetEswitchMode", "UnbindVf");
        List<SetNumVfs> counts = p.steps().stream().filter(SetNumVfs.class::isInstance).map(SetNumVfs.class::cast).toList();
        assertThat(counts).extracting(SetNumVfs::from, SetNumVfs::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, 0), org.assertj.core.groups.Tuple.tuple(0, 6));
        assertThat(counts.get(0).disruptive()).isTrue();
        assertThat(kinds(p)).containsSubsequence("SetNumVfs", "SetNumVfs", "WaitForVfs", "WaitForRepresentors", "WriteFile", "IfReload");
    }

    @Test
    void vfsBoundToVfioBlockACountChangeUnlessDisruptionIsAllowed() {
        Spec six = Scenarios.spec(guideText().replace("vfs: 4", "vfs: 6"), TestHosts.guideConverged());
        Inventory inv = Scenarios.vfsInVms(TestHosts.guideConverged());
        ConfigFiles files = Scenarios.converged(TestHosts.guideFresh(), guide());
        Plan refused = plan(inv, files, six);
        assertThat(refused.blockers()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("4 VFs (0000:81:00.2, 0000:81:00.3, 0000:81:00.4, 0000:81:00.5) are bound to vfio-pci");
            assertThat(f.fix()).contains("--allow-disruption");
            assertThat(f.specPath()).isEqualTo("nics[0].ports[0]");
        });
        Plan allowed = Planner.plan(inv, files, six, new PlanOptions(true, null, null));
        assertThat(allowed.blockers()).isEmpty();
        assertThat(allowed.findings()).anySatisfy(f -> assertThat(f.message()).contains("allowed by --allow-disruption"));
        assertThat(allowed.steps()).filteredOn(SetNumVfs.class::isInstance).first().extracting(Step::disruptive).isEqualTo(true);
    }

    @Test
    void switchdevFirstPolicySetsTheModeBeforeCreatingVfs() {
        Spec s = Scenarios.spec(guideText().replace("  - name: sw1 ", "  - name: sw1\n    order: switchdev-first\n   "),
                TestHosts.guideFresh());
        Plan p = plan(TestHosts.guideFresh(), TestHosts.freshFiles(), s);
        assertThat(kinds(p)).containsSubsequence("ReloadUdevRules", "SetEswitchMode", "SetNumVfs", "WaitForVfs", "WaitForRepresentors");
        assertThat(kinds(p)).doesNotContain("UnbindVf");
    }

    @Test
    void offloadAlreadyOnNeedsNoRestartButATcPolicyChangeDoes() {
        Inventory on = TestHosts.withOvs(TestHosts.guideFresh(), new OvsState(true, "3.1.0",
                Map.of("hw-offload", "true", "tc-policy", "skip_sw"), Map.of(), List.of()));
        assertThat(kinds(plan(on, TestHosts.freshFiles(), guide()))).doesNotContain("SetOvsOtherConfig", "RestartVswitchd");
        Inventory none = TestHosts.withOvs(TestHosts.guideFresh(), new OvsState(true, "3.1.0",
                Map.of("hw-offload", "true", "tc-policy", "none"), Map.of(), List.of()));
        Plan p = plan(none, TestHosts.freshFiles(), guide());
        assertThat(kinds(p)).containsSubsequence("SetOvsOtherConfig", "RestartVswitchd");
        SetOvsOtherConfig set = (SetOvsOtherConfig) p.steps().stream().filter(SetOvsOtherConfig.class::isInstance).findFirst().orElseThrow();
        assertThat(set.values()).containsExactly(Map.entry("tc-policy", "skip_sw"));
        assertThat(set.previous()).containsExactly(Map.entry("tc-policy", "none"));
    }

    @Test
    void representorsUnderOtherNamesAreRenamedNowWithoutARecreate() {
        Inventory inv = Scenarios.defaultNames(TestHosts.guideConverged());
        ConfigFiles files = Scenarios.converged(TestHosts.guideFresh(), guide());
        Plan p = plan(inv, files, guide());
        TriggerUdev t = (TriggerUdev) p.steps().stream().filter(TriggerUdev.class::isInstance).findFirst().orElseThrow();
        assertThat(t.renames()).extracting(TriggerUdev.Rename::from, TriggerUdev.Rename::to).contains(
                org.assertj.core.groups.Tuple.tuple("enp129s0f0r0", "ovs-sw1pf0vf0"));
        // each is taken down first: the kernel renames only a device that is down (dev_change_name: EBUSY)
        assertThat(((RunCommand) t.actions().get(0)).argv()).containsExactly("ip", "link", "set", "dev", "enp129s0f0r0", "down");
        assertThat(t.actions()).filteredOn(RunCommand.class::isInstance).map(a -> ((RunCommand) a).argv())
                .anySatisfy(argv -> assertThat(argv).startsWith("udevadm", "trigger", "--action=add", "--subsystem-match=net")
                        .contains("--sysname-match=enp129s0f0r3"));
        assertThat(((RunCommand) t.actions().get(t.actions().size() - 1)).argv()).containsExactly("ip", "link", "set", "dev", "ovs-sw1pf0vf3", "up");
        assertThat(kinds(p)).doesNotContain("SetNumVfs", "SetEswitchMode");
    }

    @Test
    void aChangeToTheBridgeCarryingTheAddressWarnsWithoutConfirmWithin() {
        ConfigFiles files = Scenarios.converged(TestHosts.guideFresh(), guide());
        Spec mtu = Scenarios.spec(guideText().replace("mtu: 9000", "mtu: 1500"), TestHosts.guideConverged());
        Plan p = plan(TestHosts.guideConverged(), files, mtu);
        assertThat(p.findings()).filteredOn(f -> f.level() == Finding.Level.WARNING).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("changes vmbr1, which carries 192.168.1.2/24");
            assertThat(f.fix()).contains("--confirm-within");
            assertThat(f.specPath()).isEqualTo("bridges[0].address");
        });
        Plan guarded = Planner.plan(TestHosts.guideConverged(), files, mtu, new PlanOptions(false, Duration.ofSeconds(120), null));
        assertThat(guarded.findings()).noneMatch(f -> f.level() == Finding.Level.WARNING);
    }

    @Test
    void theGuidesHandWrittenFilesBlockUntilRemoved() {
        String guideMain = TestHosts.PVE_INTERFACES.replace("source /etc/network/interfaces.d/*\n", "")
                + "\nauto vmbr1\niface vmbr1 inet static\n        ovs_type OVSBridge\n        ovs_ports bond1\n";
        ConfigFiles files = TestHosts.freshFiles().with(Map.of(
                "/etc/network/interfaces", guideMain,
                "/etc/udev/rules.d/70-persistent-net-vf.rules",
                "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_switch_id}==\"3264160003bd70c4\", ATTR{phys_port_name}!=\"p[0-9]*\", NAME=\"ovs-sw1$attr{phys_port_name}\"\n"));
        Plan p = plan(TestHosts.guideFresh(), files, guide());
        assertThat(p.blockers()).extracting(Finding::subject).containsExactly("/etc/network/interfaces:16", "/etc/network/interfaces");
        assertThat(p.blockers().get(0).message()).contains("vmbr1 is defined here and in /etc/network/interfaces.d/sriovctl");
        assertThat(p.blockers().get(1).fix()).contains("source /etc/network/interfaces.d/*");
        assertThat(p.findings()).anySatisfy(f -> {
            assertThat(f.subject()).isEqualTo("/etc/udev/rules.d/70-persistent-net-vf.rules");
            assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
        });
    }

    @Test
    void aFileSriovctlDidNotWriteIsNeverOverwritten() {
        ConfigFiles files = TestHosts.freshFiles().with(Map.of("/etc/network/interfaces.d/sriovctl", "auto foo\n"));
        Plan p = plan(TestHosts.guideFresh(), files, guide());
        assertThat(p.files()).noneMatch(f -> f.path().equals("/etc/network/interfaces.d/sriovctl"));
        assertThat(p.blockers()).anySatisfy(f -> assertThat(f.message()).contains("was not written by sriovctl"));
    }

    @Test
    void udevRulesOfAPfLeavingTheSpecAreDeleted() {
        ConfigFiles files = Scenarios.converged(TestHosts.guideFresh(), guide());
        String oneport = guideText().replace("      - pf: enp129s0f1np1\n        eswitch: switchdev         # both ports of the card in switchdev\n        vfs: 0\n", "")
                .replace("members: [sw1/p0, sw1/p1]", "members: [sw1/p0]");
        Plan p = plan(TestHosts.guideConverged(), files, Scenarios.spec(oneport, TestHosts.guideConverged()));
        assertThat(p.steps()).anySatisfy(s -> {
            assertThat(s).isInstanceOf(DeleteFile.class);
            assertThat(s.subject()).isEqualTo("/etc/udev/rules.d/71-sriovctl-0000:81:00.1.rules");
        });
        assertThat(kinds(p)).containsSubsequence("DeleteFile", "ReloadUdevRules");
    }

    @Test
    void vfLagBindsVfsOnlyAfterTheLagIsActive() {
        String lag = guideText().replace("{name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp}",
                "{name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}").replace("  lacp-fallback-ab: true ", "  #");
        Spec spec = Scenarios.spec(lag, TestHosts.guideFresh());
        Plan p = plan(TestHosts.guideFresh(), TestHosts.freshFiles(), spec);
        assertThat(kinds(p)).containsSubsequence("SetEswitchMode", "SetEswitchMode", "WriteFile", "IfReload", "WaitForLagActive", "BindVf");
        int lagAt = kinds(p).indexOf("WaitForLagActive");
        assertThat(kinds(p).subList(0, lagAt)).doesNotContain("BindVf");
        String file = p.files().stream().filter(f -> f.path().endsWith("interfaces.d/sriovctl")).findFirst().orElseThrow().after();
        assertThat(file).contains("\tbond-slaves enp129s0f0np0 enp129s0f1np1\n\tbond-mode 802.3ad\n\tbond-miimon 100\n"
                + "\tbond-xmit-hash-policy layer3+4\n\tbond-lacp-rate slow\n\tmtu 9000\n\tovs_type OVSPort\n\tovs_bridge vmbr1\n");
    }

    @Test
    void vfLagOnAConvergedOvsBondHostRemovesTheOvsBondAndUnbindsVfs() {
        String lag = guideText().replace("{name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp}",
                "{name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}");
        Spec spec = Scenarios.spec(lag, TestHosts.guideConverged());
        Inventory inv = Scenarios.vfsInVms(TestHosts.guideConverged());
        Plan p = plan(inv, Scenarios.converged(TestHosts.guideFresh(), guide()), spec);
        assertThat(kinds(p)).containsSubsequence("WriteFile", "UnbindVf", "RemoveOvsPort", "IfReload", "WaitForLagActive", "BindVf");
        assertThat(p.blockers()).isNotEmpty().allSatisfy(f -> assertThat(f.message()).contains("LAG of bond1 forms only while every VF is unbound"));
    }

    @Test
    void theMoveToVfLagNamesTheVmsHoldingTheVfsAndNeedsAllowDisruption() {
        String lag = guideText().replace("{name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp}",
                "{name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}");
        Spec spec = Scenarios.spec(lag, TestHosts.guideConverged());
        Inventory inv = Scenarios.vfsInVms(TestHosts.guideConverged());
        ConfigFiles files = Scenarios.converged(TestHosts.guideFresh(), guide());
        VfHolders holders = new VfHolders(java.util.Map.of("0000:81:00.2", "VM 101 (web), running", "0000:81:00.3", "VM 102 (db), running"),
                "/etc/pve");

        Plan refused = Planner.plan(inv, files, spec, PlanOptions.defaults(), holders);
        assertThat(refused.blockers()).hasSize(1);
        Finding f = refused.blockers().get(0);
        assertThat(f.message()).contains("unbinds 4 VFs that VMs use")
                .contains("0000:81:00.2 (VM 101 (web), running)", "0000:81:00.3 (VM 102 (db), running)", "0000:81:00.4 (bound to vfio-pci: likely a VM)")
                .contains("VMs from /etc/pve");
        assertThat(f.fix()).startsWith("stop VM 101 (web), VM 102 (db) (qm shutdown <vmid>), or re-run with --allow-disruption")
                .contains("rule vf-lag/vfs-unbound");
        assertThat(f.specPath()).isEqualTo("bridges[0].bond");

        Plan allowed = Planner.plan(inv, files, spec, new PlanOptions(true, null, null), holders);
        assertThat(allowed.blockers()).isEmpty();
        assertThat(allowed.findings()).anySatisfy(w -> assertThat(w.message()).contains("VM 101 (web)").contains("allowed by --allow-disruption"));
        assertThat(allowed.steps().stream().filter(s -> s instanceof UnbindVf u && u.disruptive()).count()).isEqualTo(4);
    }

    @Test
    void stepsRoundTripThroughJsonForTheJournal() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Plan p = plan(TestHosts.guideFresh(), TestHosts.freshFiles(), guide());
        for (Step s : p.steps()) {
            String text = json.writeValueAsString(s);
            assertThat(text).contains("\"step\":\"" + s.kind() + "\"");
            Step back = json.readValue(text, Step.class);
            assertThat(back).isEqualTo(s);
        }
    }

    @Test
    void everyStepTypeIsEmittedByAtLeastOneTestScenario() {
        // keeps the permits list and the planner honest: a step no scenario emits is dead code
        java.util.Set<String> seen = new java.util.TreeSet<>();
        String lag = guideText().replace("{name: bond1, type: ovs, members: [sw1/p0, sw1/p1], lacp: active, mode: balance-tcp}",
                "{name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}");
        String legacy = guideText().replace("      - pf: enp129s0f0np0          # netdev name or PCI address, as 'sriovctl discover' shows it\n        eswitch: switchdev",
                "      - pf: enp129s0f0np0\n        eswitch: legacy\n        vf-settings:\n          - {vf: 1, mac: 02:00:00:00:00:01, vlan: 10, trust: true, spoofchk: false, max-rate: 1000}")
                .replace("ports: [sw1/pf0vf*]            # every representor of port 0 becomes an OVS port of vmbr1", "ports: []");
        ConfigFiles converged = Scenarios.converged(TestHosts.guideFresh(), guide());
        for (Plan p : List.of(
                plan(TestHosts.guideFresh(), TestHosts.freshFiles(), guide()),
                plan(Scenarios.defaultNames(TestHosts.guideConverged()), converged, guide()),
                plan(TestHosts.guideConverged(), converged, Scenarios.spec(lag, TestHosts.guideConverged())),
                plan(TestHosts.guideFresh(), Scenarios.named("guide-fresh-no-debugfs", guide()).files(), Scenarios.spec(lag, TestHosts.guideFresh())),
                plan(TestHosts.guideFresh(), TestHosts.freshFiles(), Scenarios.spec(legacy, TestHosts.guideFresh())),
                plan(TestHosts.guideConverged(), converged, Scenarios.spec(guideText().replace("      - pf: enp129s0f1np1\n        eswitch: switchdev         # both ports of the card in switchdev\n        vfs: 0\n", "")
                        .replace("members: [sw1/p0, sw1/p1]", "members: [sw1/p0]"), TestHosts.guideConverged())))) {
            p.steps().forEach(s -> seen.add(s.kind()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(stepRecords(Step.class));
    }

    /** The step records: the leaves under Step's permits (a sealed sub-interface such as VfLinkSetting lists more). */
    static List<String> stepRecords(Class<?> sealed) {
        if (!sealed.isSealed()) return List.of(sealed.getSimpleName());
        return java.util.Arrays.stream(sealed.getPermittedSubclasses()).flatMap(c -> stepRecords(c).stream()).sorted().toList();
    }

    static String guideText() {
        try {
            return java.nio.file.Files.readString(Fixtures.repo().resolve("examples/guide-host.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thePlannerReadsNoHost() {
        // Planner.plan takes only model objects; this documents it by running with no host at all
        assertThat(plan(TestHosts.guideFresh(), ConfigFiles.none(), guide()).changes()).isPositive();
        assertThat(Scenarios.mode(TestHosts.guideFresh(), TestHosts.PF0)).isEqualTo(EswitchMode.LEGACY);
    }
}
