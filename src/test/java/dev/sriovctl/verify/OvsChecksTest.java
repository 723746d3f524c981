package dev.sriovctl.verify;

import dev.sriovctl.Captures;
import dev.sriovctl.GuideText;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OvsChecksTest {

    @TempDir
    Path dir;

    private static final Map<String, String> OFFLOAD = Map.of("hw-offload", "true", "tc-policy", "skip_sw");

    private static Expectations ovs(Boolean hw, String policy) {
        return new Expectations("spec.yaml", List.of(), new Expectations.OvsExpectation(hw, policy, null), List.of(), List.of(), null);
    }

    // ---- ovs-running ----------------------------------------------------------------------------

    @Test
    void ovsRunningPassesWhenDatabaseAndVswitchdAnswer() {
        CheckResult r = Checks.one(Hosts.lab(dir), "ovs-running");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("Open vSwitch 3.1.0").contains("ovs-vswitchd answers (ovs-appctl bond/show");
    }

    @Test
    void ovsRunningFailsWhenOvsdbServerIsDown() {
        CheckResult r = Checks.one(Hosts.guide(dir).commandFailed(CommandCatalog.ovsList("Open_vSwitch"), 1, Captures.OVSDB_DOWN), "ovs-running");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("ovsdb-server does not answer").contains("database connection failed");
        assertThat(r.fix()).contains("systemctl restart openvswitch-switch");
    }

    @Test
    void ovsRunningFailsWhenOnlyVswitchdIsDown() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD))
                .commandFailed(CommandCatalog.ovsBondShow(), 1, Captures.VSWITCHD_DOWN);
        CheckResult r = Checks.one(h, "ovs-running");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("but ovs-vswitchd does not").contains("ovs-vswitchd.pid");
    }

    @Test
    void ovsRunningSkipsWhenOvsWasNotRecorded() {
        CheckResult r = Checks.one(Hosts.guide(dir), "ovs-running");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("'ovs-vsctl --format=json --data=json list Open_vSwitch' gave nothing");
    }

    // ---- ovs-hw-offload ---------------------------------------------------------------------------

    @Test
    void ovsHwOffloadPassesWithTheGuidesOtherConfig() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(GuideText.ovsOtherConfig())), "ovs-hw-offload");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("other_config:hw-offload=true");
    }

    @Test
    void ovsHwOffloadFailsWhenAbsentWhileAPfIsInSwitchdev() {
        CheckResult r = Checks.one(Hosts.lab(dir), "ovs-hw-offload");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("other_config:hw-offload is absent").contains("a PF is in switchdev mode");
        assertThat(r.fix()).contains("ovs-vsctl set Open_vSwitch . other_config:hw-offload=true");
    }

    @Test
    void ovsHwOffloadFailsWhenTheSpecWantsItAndItIsFalse() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.eswitch("legacy"))
                .ovs(new OvsTables().otherConfig("hw-offload", "false").bridge("vmbr1"));
        CheckResult r = Checks.one(h, "ovs-hw-offload", c -> c.withExpectations(ovs(true, null)));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("hw-offload=false").contains("spec.yaml wants true");
    }

    // ---- ovs-tc-policy ----------------------------------------------------------------------------

    @Test
    void ovsTcPolicyPassesWithSkipSw() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(GuideText.ovsOtherConfig())), "ovs-tc-policy");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("tc-policy=skip_sw");
    }

    @Test
    void ovsTcPolicyWarnsOnOvsDefaultNoneWithoutSpec() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(Map.of("hw-offload", "true"))), "ovs-tc-policy");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("tc-policy is absent, so OVS uses none");
        assertThat(r.fix()).contains("other_config:tc-policy=skip_sw").contains("restart ovs-vswitchd");
    }

    @Test
    void ovsTcPolicyFailsAgainstTheSpec() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(Map.of("hw-offload", "true", "tc-policy", "none"))),
                "ovs-tc-policy", c -> c.withExpectations(ovs(true, "skip_sw")));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("spec.yaml wants skip_sw");
    }

    // ---- ovs-offload-active ---------------------------------------------------------------------------

    @Test
    void ovsOffloadActivePassesWhenTheLastStartEnabledTheFlowApiWithTheConfiguredPolicy() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(Map.of("hw-offload", "true"))).file(DoctorContext.VSWITCHD_LOG, Captures.VSWITCHD_LOG);
        CheckResult r = Checks.one(h, "ovs-offload-active");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("|00045|netdev_offload|INFO|netdev: Flow API Enabled").contains("tc: Using policy 'none'");
    }

    @Test
    void ovsOffloadActiveFailsWhenTheRunningPolicyIsNotTheConfiguredOne() {
        // the database says skip_hw (set after the flow API started), the process still runs with none
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(Map.of("hw-offload", "true", "tc-policy", "skip_hw")))
                .file(DoctorContext.VSWITCHD_LOG, Captures.VSWITCHD_LOG);
        CheckResult r = Checks.one(h, "ovs-offload-active");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("runs with tc-policy 'none'").contains("database now says 'skip_hw'");
        assertThat(r.fix()).contains("systemctl restart ovs-vswitchd");
    }

    @Test
    void ovsOffloadActiveFailsWhenTheLastStartLoggedNoFlowApi() {
        String log = Captures.VSWITCHD_LOG.lines().limit(5).map(l -> l + "\n").reduce("", String::concat)
                + "2026-11-25T16:04:04.946Z|00044|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0\n";
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD)).file(DoctorContext.VSWITCHD_LOG, log);
        CheckResult r = Checks.one(h, "ovs-offload-active");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("logged no \"netdev: Flow API Enabled\" since it started");
    }

    @Test
    void ovsOffloadActiveFallsBackToTcFlowsWithoutTheLog() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD))
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-offloaded-yes-dp-tc-kubeovn-doc.txt");
        CheckResult r = Checks.one(h, "ovs-offload-active");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("2 of 2 datapath flows are in TC");
    }

    @Test
    void ovsOffloadActiveFailsWhenEveryFlowIsInTheOvsDatapath() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD))
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/ovs-appctl-dpctl-dump-flows-m-system-ovs2.13-hotsos.txt");
        CheckResult r = Checks.one(h, "ovs-offload-active");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("none of the 7 datapath flows is in TC").contains("not restarted");
    }

    // ---- ovs-ctl-unpatched -------------------------------------------------------------------------

    private static final String OVS_CTL = "/usr/share/openvswitch/scripts/ovs-ctl";

    /** A packaged ovs-ctl stand-in and the md5sums line dpkg would hold for it. */
    private SnapshotBuilder withPackage(String installed, String onDisk) {
        String md5 = OvsCtlUnpatchedCheck.md5(installed.getBytes(StandardCharsets.UTF_8));
        return Hosts.guide(dir)
                .file("/var/lib/dpkg/info/openvswitch-switch.md5sums", md5 + "  usr/share/openvswitch/scripts/ovs-ctl\n"
                        + "add78bc1ff947c51e760e7a9fb6ada8c  usr/bin/ovs-dpctl\n")
                .file(OVS_CTL, onDisk);
    }

    @Test
    void ovsCtlUnpatchedPassesWhenTheFileMatchesItsSum() {
        String script = "#!/bin/sh\n# stand-in for the packaged ovs-ctl\nstart_ovsdb () {\n    :\n}\n";
        CheckResult r = Checks.one(withPackage(script, script), "ovs-ctl-unpatched");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("1 file(s) of openvswitch-switch match").contains("1 listed file(s) not recorded");
    }

    @Test
    void ovsCtlUnpatchedNamesTheFileTheGuidesPatchChanged() {
        String script = "#!/bin/sh\n# stand-in for the packaged ovs-ctl\nstart_ovsdb () {\n    :\n}\n";
        String patched = script + GuideText.ovsCtlPatchLines();
        CheckResult r = Checks.one(withPackage(script, patched), "ovs-ctl-unpatched");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.subject()).isEqualTo(OVS_CTL);
        assertThat(r.evidence()).contains("package openvswitch-switch installed").contains("next openvswitch-switch update replaces it without asking");
        assertThat(r.fix()).contains("apt-get install --reinstall openvswitch-switch");
    }

    @Test
    void ovsCtlUnpatchedSkipsWithoutDpkgSums() {
        CheckResult r = Checks.one(Hosts.guide(dir), "ovs-ctl-unpatched");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("/var/lib/dpkg/info/openvswitch-*.md5sums");
    }

    // ---- representors-in-bridge ---------------------------------------------------------------------

    @Test
    void representorsInBridgePassesWhenAllAreInTheUplinksBridge() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD)), "representors-in-bridge");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("enp129s0f0npf0vf0 in vmbr1");
    }

    @Test
    void representorsInBridgeWarnsForARepresentorOutsideTheBridge() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(new OvsTables().otherConfig(OFFLOAD)
                .bridge("vmbr1", "enp129s0f0npf0vf0", "enp129s0f0npf0vf1", "enp129s0f0npf0vf2")
                .bond("bond1", "balance-tcp", "active", Map.of(), "enp129s0f0np0", "enp129s0f1np1"));
        List<CheckResult> r = Checks.run(h, "representors-in-bridge");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.WARN, CheckStatus.PASS);
        assertThat(r.get(0).subject()).isEqualTo("enp129s0f0npf0vf3");
        assertThat(r.get(0).evidence()).contains("is in no OVS bridge").contains("the uplink of enp129s0f0np0 (0000:81:00.0) is in vmbr1");
        assertThat(r.get(0).fix()).contains("ovs_type OVSPort / ovs_bridge vmbr1");
    }

    @Test
    void representorsInBridgeFailsWhenTheSpecPutsItElsewhere() {
        Expectations e = new Expectations("spec.yaml", List.of(), null,
                List.of(new Expectations.BridgeExpectation("vmbr2", null, null, List.of("enp129s0f0npf0vf0"))), List.of(), null);
        List<CheckResult> r = Checks.run(Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD)), "representors-in-bridge", c -> c.withExpectations(e));
        assertThat(r.get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.get(0).evidence()).contains("is a port of vmbr1").contains("spec.yaml puts it in vmbr2");
    }

    // ---- mtu-consistent -------------------------------------------------------------------------------

    @Test
    void mtuConsistentPassesWhenTheWholeBridgeCarries9000() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(new OvsTables().mtu(9000).otherConfig(OFFLOAD)
                .bridge("vmbr1", "enp129s0f0npf0vf0", "enp129s0f0npf0vf1", "enp129s0f0npf0vf2", "enp129s0f0npf0vf3")
                .bond("bond1", "balance-tcp", "active", Map.of(), "enp129s0f0np0", "enp129s0f1np1")), "mtu-consistent");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.subject()).isEqualTo("bridge vmbr1");
        assertThat(r.evidence()).contains("enp129s0f0np0=9000").contains("vmbr1=9000");
    }

    @Test
    void mtuConsistentWarnsWhenTheBridgeIsSmallerThanTheUplinks() {
        CheckResult r = Checks.one(Hosts.guide(dir).ovs(Hosts.guideBridge(OFFLOAD)), "mtu-consistent");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("vmbr1=1500").contains("vmbr1 differs from 9000");
        assertThat(r.fix()).contains("ovs_mtu 9000");
    }

    @Test
    void mtuConsistentFailsWhenTheSpecExceedsMaxMtu() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.mtu(1500).maxMtu(1500));
        Expectations e = new Expectations("spec.yaml", List.of(new Expectations.PfExpectation("enp129s0f0np0", EswitchMode.SWITCHDEV, 0, Map.of(), 9000)),
                null, List.of(), List.of(), null);
        CheckResult r = Checks.one(h, "mtu-consistent", c -> c.withExpectations(e));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("9000 exceeds maxmtu 1500 of enp129s0f0np0").contains("enp129s0f0np0 differs from 9000");
    }
}
