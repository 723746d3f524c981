package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import dev.sriovctl.GuideText;
import dev.sriovctl.host.CommandCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BondChecksTest {

    @TempDir
    Path dir;

    /** The lab with its member-down captures: ens1f1's link is down (bond/show disabled, lacp/show defaulted). */
    private SnapshotBuilder labMemberDown() {
        return Hosts.lab(dir)
                .commandFixture(CommandCatalog.ovsBondShow(), "ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt")
                .commandFixture(CommandCatalog.ovsLacpShow(), "ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt");
    }

    /** A VF-LAG host: Linux 802.3ad bond0 of both switchdev PFs. */
    private SnapshotBuilder vfLag(String lagState, String lagFlags) {
        SnapshotBuilder h = Hosts.guide(dir).linuxBond("bond0", "802.3ad 4", "00:1c:73:aa:bb:cc", "enp129s0f0np0", "enp129s0f1np1");
        return lagState == null ? h : h.lag("0000:81:00.0", lagState, "switchdev", lagFlags);
    }

    // ---- bond-members-up ------------------------------------------------------------------------------

    @Test
    void bondMembersUpPassesOnTheNegotiatedLab() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "bond-members-up");
        assertThat(Checks.statuses(r)).containsOnly(CheckStatus.PASS);
        assertThat(r.get(1).evidence()).contains("ens1f0: enabled, ens1f1: enabled (active)");
    }

    @Test
    void bondMembersUpFailsForTheDisabledMember() {
        List<CheckResult> all = Checks.run(labMemberDown(), "bond-members-up");
        // the member-down capture shows only bond0; tor-bond's members are then unknown
        assertThat(all).filteredOn(x -> x.subject().equals("bond tor-bond")).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(CheckStatus.SKIP));
        CheckResult r = all.stream().filter(x -> x.subject().equals("bond bond0")).findFirst().orElseThrow();
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.subject()).isEqualTo("bond bond0");
        assertThat(r.evidence()).contains("ens1f1: disabled").contains("the bond runs on 1 of 2 links");
        assertThat(r.fix()).contains("ethtool ens1f1");
    }

    @Test
    void bondMembersUpReadsLinuxBondCarrier() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev())
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.switchdev().carrier(false))
                .linuxBond("bond0", "802.3ad 4", "00:1c:73:aa:bb:cc", "enp129s0f0np0", "enp129s0f1np1");
        CheckResult r = Checks.one(h, "bond-members-up");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("enp129s0f1np1: disabled").contains("bonding/slaves");
    }

    // ---- lacp-negotiated -------------------------------------------------------------------------------

    @Test
    void lacpNegotiatedPassesWithCurrentMembers() {
        assertThat(Checks.statuses(Checks.run(Hosts.lab(dir), "lacp-negotiated"))).containsOnly(CheckStatus.PASS);
    }

    @Test
    void lacpNegotiatedFailsForTheDefaultedMember() {
        List<CheckResult> all = Checks.run(labMemberDown(), "lacp-negotiated");
        // the member-down capture holds only bond0: tor-bond's LACP state is then unknown
        assertThat(all).filteredOn(x -> x.subject().equals("bond tor-bond")).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(CheckStatus.SKIP);
            assertThat(x.evidence()).contains("lacp=active on port tor-bond, but its LACP state is unknown");
        });
        CheckResult r = all.stream().filter(x -> x.subject().equals("bond bond0")).findFirst().orElseThrow();
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("ens1f1 is defaulted").contains("no LACPDU from the partner");
    }

    @Test
    void lacpNegotiatedReadsTheLinuxBondsPartner() {
        assertThat(Checks.one(vfLag(null, null), "lacp-negotiated").status()).isEqualTo(CheckStatus.PASS);
        CheckResult r = Checks.one(Hosts.guide(dir).linuxBond("bond0", "802.3ad 4", "00:00:00:00:00:00", "enp129s0f0np0", "enp129s0f1np1"), "lacp-negotiated");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("ad_partner_mac 00:00:00:00:00:00");
    }

    // ---- bond-offloadable ------------------------------------------------------------------------------

    @Test
    void bondOffloadableWarnsOnBalanceTcpWithRecirculation() {
        CheckResult r = Checks.one(Hosts.lab(dir), "bond-offloadable");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("bond_mode: balance-tcp, bond may use recirculation: yes").contains("TC cannot offload");
        assertThat(r.fix()).contains("vf-lag");
    }

    @Test
    void bondOffloadablePassesOnBalanceSlb() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(new OvsTables().otherConfig(GuideText.ovsOtherConfig()).bridge("vmbr1")
                .bond("bond1", "balance-slb", "off", Map.of(), "enp129s0f0np0", "enp129s0f1np1"));
        CheckResult r = Checks.one(h, "bond-offloadable");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("bond_mode: balance-slb");
    }

    @Test
    void bondOffloadableFailsOnALinuxBondModeMlx5CannotOffload() {
        CheckResult r = Checks.one(Hosts.guide(dir).linuxBond("bond0", "balance-rr 0", null, "enp129s0f0np0", "enp129s0f1np1"), "bond-offloadable");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("Linux bond mode balance-rr").contains("TX type isn't supported");
        assertThat(Checks.one(vfLag(null, null), "bond-offloadable").status()).isEqualTo(CheckStatus.PASS);
    }

    // ---- lacp-fallback-placement -------------------------------------------------------------------------

    @Test
    void lacpFallbackPlacementFiresOnTheGuidesOwnSetting() {
        SnapshotBuilder h = Hosts.guide(dir).ovs(Hosts.guideBridge(GuideText.ovsOtherConfig()));
        List<CheckResult> r = Checks.run(h, "lacp-fallback-placement");
        assertThat(r.get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.get(0).evidence()).contains("other_config:lacp-fallback-ab=true is on the Open_vSwitch table").contains("it is a Port key");
        assertThat(r.get(0).fix()).contains("ovs-vsctl remove Open_vSwitch . other_config lacp-fallback-ab")
                .contains("'bond1' stanza add other_config:lacp-fallback-ab=true to ovs_options");
    }

    @Test
    void lacpFallbackPlacementPassesOnTheBondPort() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "lacp-fallback-placement");
        assertThat(Checks.statuses(r)).containsOnly(CheckStatus.PASS);
        assertThat(r.get(1).evidence()).contains("lacp-fallback-ab=true on the bond port");
    }

    @Test
    void lacpFallbackPlacementWarnsWhenSetByHandButNotInOvsOptions() {
        // on the port, but the bond's stanza (the article the guide follows) has no other_config in ovs_options
        SnapshotBuilder h = Hosts.guide(dir).ovs(new OvsTables().otherConfig(Map.of("hw-offload", "true")).bridge("vmbr1")
                        .bond("bond1", "balance-tcp", "active", Map.of("lacp-fallback-ab", "true"), "enp129s0f0np0", "enp129s0f1np1"))
                .file("/etc/network/interfaces", Fixtures.body("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"));
        CheckResult r = Checks.one(h, "lacp-fallback-placement");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("not in its ovs_options (/etc/network/interfaces:15)").contains("ifreload -a");
    }

    // ---- vf-bond-protection -----------------------------------------------------------------------------

    @Test
    void vfBondProtectionWarnsUnderAPlainOvsBond() {
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-bond-protection");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("bond0 is an Open vSwitch bond").contains("VFs pf0vf0, pf0vf1, pf0vf2, pf0vf3 leave only through ens1f0 (port p0)")
                .contains("lose the network while the host keeps it");
        assertThat(r.fix()).contains("vf-lag");
    }

    @Test
    void vfBondProtectionFailsWhileThePortOfSomeVfsIsDown() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "ens1f0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(2, i -> "pf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "ens1f1", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(2, i -> "pf1vf" + i, "vfio-pci"))
                .commandFixture(CommandCatalog.ovsList("Open_vSwitch"), "ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsList("Bridge"), "ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsList("Port"), "ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt")
                .commandFixture(CommandCatalog.ovsList("Interface"), "ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsBondShow(), "ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt");
        CheckResult r = Checks.one(h, "vf-bond-protection");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("Now ens1f1 is down: VFs pf1vf0, pf1vf1 are cut off");
    }

    @Test
    void vfBondProtectionPassesWithAnActiveVfLag() {
        CheckResult r = Checks.one(vfLag("active", "shared_fdb:on\n"), "vf-bond-protection");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("VF-LAG").contains("hardware LAG is active");
    }

    // ---- vf-lag-active ------------------------------------------------------------------------------------

    @Test
    void vfLagActivePassesWithActiveSwitchdevSharedFdb() {
        CheckResult r = Checks.one(vfLag("active", "shared_fdb:on\nfdb_selection_mode:native"), "vf-lag-active");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("lag/state active, type switchdev, shared_fdb on");
    }

    @Test
    void vfLagActiveFailsWithTheDriversMessageAndExplainsTheDebianFailure() {
        // the real "Failed to activate VF LAG" capture (a ConnectX-6 Dx at 0000:d8:00.0); the host's PFs carry its addresses
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:d8:00.0", "ens3f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(4, i -> "ens3f0npf0vf" + i, "vfio-pci"))
                .pf("0000:d8:00.1", "ens3f1np1", p -> p.switchId(Hosts.SWITCH_ID).switchdev())
                .linuxBond("bond0", "802.3ad 4", "00:1c:73:aa:bb:cc", "ens3f0np0", "ens3f1np1")
                .lag("0000:d8:00.0", "disabled", null, "shared_fdb:off")
                .commandFixture(CommandCatalog.dmesg(), "dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt");
        CheckResult r = Checks.one(h, "vf-lag-active");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("lag/state disabled").contains("Failed to activate VF LAG")
                .contains("mlx5_core binds the VFs as soon as they are created").contains("LP #1988018");
        assertThat(r.fix()).contains("ip link set ens3f0np0 nomaster").contains("/sys/kernel/debug/mlx5/0000:d8:00.0/lag/state");
    }

    @Test
    void vfLagActiveJudgesFromTheLogWhenDebugfsIsAbsent() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:d8:00.0", "ens3f0np0", p -> p.switchdev().vfs(2, i -> "ens3f0npf0vf" + i, "mlx5_core"))
                .pf("0000:d8:00.1", "ens3f1np1", p -> p.switchdev())
                .linuxBond("bond0", "802.3ad 4", "00:1c:73:aa:bb:cc", "ens3f0np0", "ens3f1np1")
                .commandFixture(CommandCatalog.dmesg(), "dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt");
        CheckResult r = Checks.one(h, "vf-lag-active");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("is not readable").contains("last LAG message");
    }

    @Test
    void vfLagActiveSkipsUnderAnOvsBond() {
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-lag-active");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("bond0 is an OVS bond: it cannot activate VF-LAG");
    }

    @Test
    void vfLagActiveFailsWhenTheSpecWantsVfLagButOnlyAnOvsBondExists() {
        Expectations e = new Expectations("spec.yaml", List.of(), null, List.of(new Expectations.BridgeExpectation("vmbr1", 9000,
                new Expectations.BondExpectation("bond1", Expectations.BondType.VF_LAG, List.of("ens1f0", "ens1f1"), "802.3ad", "active"), List.of())),
                List.of(), null);
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-lag-active", c -> c.withExpectations(e));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("spec.yaml wants a vf-lag bond");
    }
}
