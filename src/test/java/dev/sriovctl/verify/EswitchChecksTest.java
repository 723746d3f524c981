package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import dev.sriovctl.GuideText;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EswitchChecksTest {

    static final String RULES = "/etc/udev/rules.d/70-persistent-net-vf.rules";

    @TempDir
    Path dir;

    @Test
    void eswitchSwitchdevPassesForBothPfs() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "eswitch-switchdev");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.PASS, CheckStatus.PASS);
        assertThat(r.get(0).evidence()).contains("mode switchdev").contains("devlink -j dev eswitch show pci/0000:81:00.0");
    }

    @Test
    void eswitchSwitchdevWarnsAboutLegacyVfsAndALegacySiblingWithoutSpec() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(2, i -> "enp129s0f0npf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.eswitch("legacy"));
        List<CheckResult> r = Checks.run(h, "eswitch-switchdev");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.PASS, CheckStatus.WARN);
        assertThat(r.get(1).evidence()).contains("the other PF of this NIC is in switchdev; VF-LAG and the shared FDB need both PFs in the same mode");
    }

    @Test
    void eswitchSwitchdevFailsAgainstTheSpecAndQuotesTheFirmwareRefusal() {
        // the dmesg lines of k8snetworkplumbingwg/sriov-network-operator#1015 (device address of this host)
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.eswitch("legacy").vfs(4, null, "mlx5_core"))
                .command(CommandCatalog.dmesg(), "[  301.1] mlx5_core 0000:81:00.0: mlx5_cmd_out_err:808:(pid 4321): CREATE_FLOW_TABLE(0x930) op_mod(0x0) failed, status bad resource state(0x9), syndrome (0x98afbb), err(-22)\n"
                        + "[  301.2] mlx5_core 0000:81:00.0: E-Switch: Failed to create slow path FDB Table err -22\n");
        Expectations e = new Expectations("spec.yaml", List.of(new Expectations.PfExpectation("enp129s0f0np0", EswitchMode.SWITCHDEV, 4, Map.of(), null)),
                null, List.of(), List.of(), null);
        CheckResult r = Checks.one(h, "eswitch-switchdev", c -> c.withExpectations(e));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("mode legacy").contains("spec.yaml wants switchdev").contains("bad resource state(0x9)");
        assertThat(r.fix()).contains("devlink dev eswitch set pci/0000:81:00.0 mode switchdev").contains("echo 0 >");
    }

    @Test
    void eswitchSwitchdevSkipsWhenDevlinkWasNotRecorded(@TempDir Path other) {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev())
                .commandFailed(CommandCatalog.devlinkEswitchShow("0000:81:00.0"), 1, "Error: devlink: Operation not supported.");
        CheckResult r = Checks.one(h, "eswitch-switchdev");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("e-switch mode unknown").contains("exit 1").contains("Operation not supported");
    }

    @Test
    void representorsNamedPassesWithTheLabsRepresentors() {
        CheckResult r = Checks.one(Hosts.lab(dir), "representors-named");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).isEqualTo("pf0vf0=pf0vf0, pf0vf1=pf0vf1, pf0vf2=pf0vf2, pf0vf3=pf0vf3");
    }

    @Test
    void representorsNamedFailsForAVfWithoutRepresentor() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(2, null, "vfio-pci"));
        List<CheckResult> r = Checks.run(h, "representors-named");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(r.get(0).evidence()).contains("no netdev with phys_port_name pf0vf0 and phys_switch_id 3264160003bd70c4");
    }

    @Test
    void representorsNamedFailsWhenTheUdevRuleNameLostToTheKernelName() {
        // the guide's rename rule, keyed on this host's switch id, wants ovs-sw1pf0vfN; the representors kept
        // their kernel names (as in fixture sysfs/udevadm-test-representor-name-policy-proxmox.txt: "Policy *keep*")
        String rules = GuideText.udevRules().replace("52ac120003bd70c4", Hosts.SWITCH_ID);
        List<CheckResult> r = Checks.run(Hosts.guide(dir).file(RULES, rules), "representors-named");
        assertThat(r).hasSize(4).allSatisfy(x -> assertThat(x.status()).isEqualTo(CheckStatus.FAIL));
        assertThat(r.get(0).evidence()).contains("representor is enp129s0f0npf0vf0, but udev rule " + RULES + ":7 names it ovs-sw1pf0vf0")
                .contains("name_assign_type 4");
    }

    @Test
    void representorsNamedPassesWhenTheRuleNamedThem() {
        String rules = GuideText.udevRules().replace("52ac120003bd70c4", Hosts.SWITCH_ID);
        SnapshotBuilder h = new SnapshotBuilder(dir).file(RULES, rules)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(4, i -> "ovs-sw1pf0vf" + i, "vfio-pci"));
        CheckResult r = Checks.one(h, "representors-named");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("pf0vf0=ovs-sw1pf0vf0 (udev rule " + RULES + ":7)");
    }

    @Test
    void representorsNamedFailsForInterfacesStanzasNamingRepresentorsThatDoNotExist() {
        // the guide's own host: its rule never fired (wrong switch id), but interfaces.d adds ovs-sw1pf0vf0..3
        SnapshotBuilder h = Hosts.guide(dir).file(RULES, GuideText.udevRules())
                .file("/etc/network/interfaces", Fixtures.body("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"))
                .file("/etc/network/interfaces.d/ovs-sw1.conf", Fixtures.body("interfaces/proxmox-interfaces.d-ovs-sw1-renamed-representors.txt"));
        List<CheckResult> r = Checks.run(h, "representors-named");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.FAIL, CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(r.get(1).subject()).isEqualTo("iface ovs-sw1pf0vf0 (/etc/network/interfaces.d/ovs-sw1.conf:4)");
        assertThat(r.get(1).evidence()).contains("adds ovs-sw1pf0vf0 to vmbr1, but no netdev ovs-sw1pf0vf0 exists")
                .contains("the representors here are enp129s0f0npf0vf0");
    }

    @Test
    void switchIdConsistentFiresOnTheGuidesOwnRuleAgainstTheSwitchIdItsHostReported() {
        assertThat(GuideText.discoveredSwitchId()).isEqualTo(Hosts.SWITCH_ID);
        SnapshotBuilder h = Hosts.guide(dir).file(RULES, GuideText.udevRules());
        List<CheckResult> r = Checks.run(h, "switch-id-consistent");
        assertThat(r).hasSize(2).allSatisfy(x -> assertThat(x.status()).isEqualTo(CheckStatus.FAIL));
        assertThat(r.get(0).subject()).isEqualTo("udev rule " + RULES + ":5");
        assertThat(r.get(0).evidence()).contains("ATTR{phys_switch_id}==\"52ac120003bd70c4\"")
                .contains("this host's switch ids are 3264160003bd70c4 (enp129s0f0np0, enp129s0f1np1)")
                .contains("ATTR{device/sriov_numvfs}=\"4\" never happens");
        assertThat(r.get(1).evidence()).contains("NAME=\"ovs-sw1$attr{phys_port_name}\" never happens");
        assertThat(r.get(0).fix()).contains("sed -i 's/52ac120003bd70c4/3264160003bd70c4/' " + RULES);
    }

    @Test
    void switchIdConsistentPassesWhenTheRuleUsesTheHostsId() {
        SnapshotBuilder h = Hosts.guide(dir).file(RULES, GuideText.udevRules().replace("52ac120003bd70c4", Hosts.SWITCH_ID));
        CheckResult r = Checks.one(h, "switch-id-consistent");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains(RULES + ":5 ATTR{phys_switch_id}==\"3264160003bd70c4\"");
    }

    @Test
    void switchIdConsistentSkipsWithoutRulesDirectory() {
        CheckResult r = Checks.one(Hosts.guide(dir), "switch-id-consistent");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("/etc/udev/rules.d is not on snapshot");
    }

    @Test
    void netdevRenameConflictFailsOnAFileExistsRenameInTheJournal() {
        // systemd-udevd's message as systemd/systemd#29957 quotes it
        SnapshotBuilder h = Hosts.guide(dir).command(CommandCatalog.bootJournal(),
                "[    6.512233] pve1 systemd-udevd[492]: enp129s0f0npf0vf0: Failed to rename network interface 9 from 'eth2' to 'enp129s0f0np0': File exists\n");
        CheckResult r = Checks.one(h, "netdev-rename-conflict");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("Failed to rename network interface 9").contains("journalctl -b");
        assertThat(r.fix()).contains("ATTR{phys_port_name}==\"p[0-9]*\"");
    }

    @Test
    void netdevRenameConflictWarnsAboutAPfNameRuleThatAlsoMatchesRepresentors() {
        SnapshotBuilder h = Hosts.guide(dir).file("/etc/udev/rules.d/10-pf-name.rules",
                "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"0000:81:00.0\", NAME=\"uplink0\"\n");
        CheckResult r = Checks.one(h, "netdev-rename-conflict");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("/etc/udev/rules.d/10-pf-name.rules:1 sets NAME=\"uplink0\" for KERNELS==\"0000:81:00.0\" without a phys_port_name condition");
    }

    @Test
    void netdevRenameConflictPassesOnTheGuidesRules() {
        CheckResult r = Checks.one(Hosts.guide(dir).file(RULES, GuideText.udevRules())
                .commandFixture(CommandCatalog.dmesg(), "dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt"), "netdev-rename-conflict");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
    }
}
