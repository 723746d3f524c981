package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.pve.PciMapping;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.pve.VmConfig;
import dev.sriovctl.pve.VmRef;
import dev.sriovctl.pve.VmUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SriovChecksTest {

    @TempDir
    Path dir;

    private static Expectations vfs(String pf, int n) {
        return new Expectations("spec.yaml", List.of(new Expectations.PfExpectation(pf, EswitchMode.SWITCHDEV, n, Map.of(), null)),
                null, List.of(), List.of(), null);
    }

    @Test
    void sriovCapablePassesWithTotalVfs() {
        assertThat(Checks.statuses(Checks.run(Hosts.lab(dir), "sriov-capable"))).containsOnly(CheckStatus.PASS);
    }

    @Test
    void sriovCapableFailsWithoutTotalVfsAndGivesTheFirmwareCommand() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.noSriov()), "sriov-capable");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("sriov_totalvfs does not exist").contains("SRIOV_EN=False");
        assertThat(r.fix()).contains("mstconfig -d 0000:81:00.0 set SRIOV_EN=1 NUM_OF_VFS=8");
    }

    @Test
    void sriovCapableSkipsWithoutAnyMlx5Pf() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir), "sriov-capable");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("no mlx5 PF");
    }

    @Test
    void firmwareSriovPassesOnTheRealNextBootOnlyQuery() {
        // a real (older) mlxconfig query: SRIOV_EN True(1), NUM_OF_VFS 8 >= the 4 VFs in use
        SnapshotBuilder h = Hosts.lab(dir).commandFixture(CommandCatalog.mstconfigQuery("0000:81:00.0"), "mlxconfig/mlxconfig-query-connectx3-next-boot-only-partial.txt");
        List<CheckResult> r = Checks.run(h, "firmware-sriov");
        assertThat(r.get(0).status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.get(0).evidence()).contains("SRIOV_EN True(1) (next boot), NUM_OF_VFS 8 (next boot)").contains("commands/");
        assertThat(r.get(1).status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.get(1).evidence()).contains("mstconfig -e -d 0000:81:00.1 query").contains("mstflint");
    }

    @Test
    void firmwareSriovFailsWhenSriovIsOffNow() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev())
                .command(CommandCatalog.mstconfigQuery("0000:81:00.0"), MstconfigOutput.query("0000:81:00.0",
                        new String[]{"NUM_OF_VFS", "8", "8", "8"}, new String[]{"SRIOV_EN", "True(1)", "False(0)", "False(0)"}));
        CheckResult r = Checks.one(h, "firmware-sriov");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("SR-IOV is off in the firmware").contains("SRIOV_EN False(0)");
        assertThat(r.fix()).contains("mstconfig -d 0000:81:00.0 set SRIOV_EN=1");
    }

    @Test
    void firmwareSriovFailsWhenNumOfVfsIsBelowTheSpec() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev())
                .command(CommandCatalog.mstconfigQuery("0000:81:00.0"), MstconfigOutput.query("0000:81:00.0",
                        new String[]{"NUM_OF_VFS", "4", "4", "4"}, new String[]{"SRIOV_EN", "True(1)", "True(1)", "True(1)"}));
        CheckResult r = Checks.one(h, "firmware-sriov", c -> c.withExpectations(vfs("enp129s0f0np0", 8)));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("NUM_OF_VFS 4 is below the 8 VFs wanted");
    }

    @Test
    void firmwareSriovWarnsWhenAChangeWaitsForAReboot() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev())
                .command(CommandCatalog.mstconfigQuery("0000:81:00.0"), MstconfigOutput.query("0000:81:00.0",
                        new String[]{"NUM_OF_VFS", "8", "4", "16"}, new String[]{"SRIOV_EN", "True(1)", "True(1)", "True(1)"}));
        CheckResult r = Checks.one(h, "firmware-sriov");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("NUM_OF_VFS 4 now, 16 at next boot");
    }

    @Test
    void sriovEnableErrorsPassesOnTheRealSwitchdevEnableLog() {
        CheckResult r = Checks.one(Hosts.lab(dir).commandFixture(CommandCatalog.dmesg(), "dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt"), "sriov-enable-errors");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("E-Switch: Enable: mode(OFFLOADS), nvfs(2)");
    }

    @Test
    void sriovEnableErrorsFailsOnMmioExhaustionNamingThePf() {
        // drivers/pci/iov.c: pci_err(dev, "not enough MMIO resources for SR-IOV\n") (source-quoted; no capture in the corpus)
        SnapshotBuilder h = Hosts.lab(dir).command(CommandCatalog.dmesg(),
                "[    8.120000] mlx5_core 0000:81:00.0: not enough MMIO resources for SR-IOV\n"
                        + "[    8.120100] mlx5_core 0000:81:00.0: mlx5_sriov_enable:168:(pid 512): pci_enable_sriov failed : -12\n");
        List<CheckResult> r = Checks.run(h, "sriov-enable-errors");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(r.get(0).subject()).isEqualTo("ens1f0 (0000:81:00.0)");
        assertThat(r.get(0).evidence()).contains("[8.12] mlx5_core 0000:81:00.0: not enough MMIO resources for SR-IOV").contains("line 1");
        assertThat(r.get(0).fix()).contains("Above 4G").contains("pci=realloc");
    }

    @Test
    void sriovEnableErrorsSeesTheEbusyOfAToolInTheJournal() {
        SnapshotBuilder h = Hosts.lab(dir).commandFixture(CommandCatalog.dmesg(), "dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt")
                .command(CommandCatalog.bootJournal(), "[   12.5] pve1 sriov-setup[901]: OSError: [Errno 16] Device or resource busy: '/sys/class/net/ens1f0/device/sriov_numvfs'\n");
        CheckResult r = Checks.one(h, "sriov-enable-errors");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.fix()).contains("write 0 to sriov_numvfs first");
    }

    @Test
    void vfCountPassesWhenEveryAnnouncedVfExists() {
        assertThat(Checks.statuses(Checks.run(Hosts.lab(dir), "vf-count"))).containsOnly(CheckStatus.PASS);
    }

    @Test
    void vfCountFailsWhenVfCreationDidNotFinish() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(3, null, "vfio-pci").numVfs(4)), "vf-count");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("sriov_numvfs = 4").contains("3 virtfn link(s)");
    }

    @Test
    void vfCountFailsAgainstTheSpecAndSaysToGoThroughZero() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(4, null, "vfio-pci")),
                "vf-count", c -> c.withExpectations(vfs("enp129s0f0np0", 8)));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("spec.yaml wants 8");
        assertThat(r.fix()).contains("echo 0 > /sys/bus/pci/devices/0000:81:00.0/sriov_numvfs; echo 8 >");
    }

    @Test
    void vfsInUsePassesWithoutAPendingChange() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "vfs-in-use");
        assertThat(Checks.statuses(r)).containsOnly(CheckStatus.PASS);
        assertThat(r.get(0).evidence()).contains("no change pending (no spec given)").contains("4 VF(s) bound to vfio-pci");
    }

    @Test
    void vfsInUseFailsWhenTheSpecWouldDestroyVfsAVmHolds() {
        // the VM's config and qemu-server's reservation as a Proxmox node has them (formats: qemu-server PCI.pm, QemuServer.pm)
        SnapshotBuilder h = Hosts.lab(dir).pveNode("pve1")
                .pveVm("pve1", 101, "name: db1\nhostpci0: 0000:81:00.2,pcie=1\nmachine: q35\n")
                .file("/run/qemu-server/pci-id-reservations", "0000:81:00.2 101 pid:4242\n");
        List<CheckResult> r = Checks.run(h, "vfs-in-use", c -> c.withExpectations(vfs("ens1f0", 8)));
        CheckResult fail = r.stream().filter(x -> x.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertThat(fail.subject()).isEqualTo("ens1f0 (0000:81:00.0)");
        assertThat(fail.evidence()).contains("VF count 4 -> 8 pending")
                .contains("0000:81:00.2 (VM 101 (db1) holds it now, running)")
                .contains("cannot be checked on snapshot").contains("taken as running");
        assertThat(fail.fix()).contains("qm shutdown");
    }

    @Test
    void vfsInUseFailsWithoutProxmoxDataWhenVfsAreOnVfioPci() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "vfs-in-use", c -> c.withExpectations(vfs("ens1f0", 8)));
        CheckResult fail = r.stream().filter(x -> x.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertThat(fail.evidence()).contains("4 VF(s) bound to vfio-pci").contains("not a Proxmox VE node");
    }

    @Test
    void vfsInUseFailsWhenTheApiSaysARunningVmUsesTheMapping() {
        PveFacts api = new PveFacts("the PVE API at https://pve1:8006", "pve1",
                List.of(new PciMapping("network", null, false, List.of("node=pve1,path=0000:81:00.3,id=15b3:101e"), "d")),
                List.of(new VmUse(new VmRef(102, "pve1", "web", "running", false), new VmConfig(102, "pve1", Map.of("hostpci0", "mapping=network"), "d"))),
                List.of(), new PveFacts.State(true, "VM status from the PVE API at https://pve1:8006"));
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "vfs-in-use", c -> c.withExpectations(vfs("ens1f0", 8)).withProxmox(api));
        CheckResult fail = r.stream().filter(x -> x.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertThat(fail.evidence()).contains("0000:81:00.3 (VM 102 (web) hostpci0 mapping=network, running)");
    }

    @Test
    void vfsInUseWarnsWhenNoRunningVmHoldsTheVfsOnVfioPci() {
        // the reservations file exists and holds nothing: VM 101 is stopped, so destroying the VFs costs no VM its device
        SnapshotBuilder h = Hosts.lab(dir).pveNode("pve1")
                .pveVm("pve1", 101, "name: db1\nhostpci0: 0000:81:00.2\n")
                .file("/run/qemu-server/pci-id-reservations", "");
        List<CheckResult> r = Checks.run(h, "vfs-in-use", c -> c.withExpectations(vfs("ens1f0", 8)));
        CheckResult warn = r.stream().filter(x -> x.subject().startsWith("ens1f0")).findFirst().orElseThrow();
        assertThat(warn.status()).isEqualTo(CheckStatus.WARN);
        assertThat(warn.evidence()).contains("0000:81:00.2 (VM 101 (db1) hostpci0, stopped)").contains("but no running VM holds them");
        assertThat(warn.fix()).contains("--allow-disruption");
    }
}
