package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IommuChecksTest {

    @TempDir
    Path dir;

    @Test
    void iommuEnabledPassesWithGroupsAndQuotesTheDmarLine() {
        CheckResult r = Checks.one(Hosts.lab(dir).commandFixture(CommandCatalog.dmesg(), "dmesg/intel-dmar-iommu-enabled-proxmox-grep.txt"), "iommu-enabled");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("6 IOMMU groups").contains("[0.207585] DMAR: IOMMU enabled").contains("commands/");
    }

    @Test
    void iommuEnabledFailsWhenNoGroupExists() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir).emptyIommu().file("/proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz-6.8.12-4-pve root=/dev/mapper/pve-root ro quiet\n"), "iommu-enabled");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("is empty").contains("/proc/cmdline: BOOT_IMAGE=");
        assertThat(r.fix()).contains("intel_iommu=on").contains("proxmox-boot-tool refresh");
    }

    @Test
    void iommuEnabledSkipsNamingWhatWasMissing() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir), "iommu-enabled");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("/sys/kernel/iommu_groups is not on").contains("'dmesg' gave nothing");
    }

    @Test
    void iommuEnabledPassesFromTheKernelLogWhenGroupsWereNotRecorded() {
        CheckResult r = Checks.one(new SnapshotBuilder(dir).commandFixture(CommandCatalog.dmesg(), "dmesg/intel-dmar-iommu-enabled-proxmox-grep.txt"), "iommu-enabled");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("was not recorded").contains("DMAR: IOMMU enabled");
    }

    @Test
    void vfIommuIsolatedPassesWhenEachVfHasItsOwnGroup() {
        List<CheckResult> r = Checks.run(Hosts.lab(dir), "vf-iommu-isolated");
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(CheckStatus.PASS);
            assertThat(x.evidence()).contains("0000:81:00.2=group 40").contains("0000:81:00.5=group 43");
        });
    }

    @Test
    void vfIommuIsolatedNamesTheDevicesSharingTheGroupAndPointsAtAcs() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(2, i -> "enp129s0f0npf0vf" + i, "vfio-pci").vfGroup(1, 30));
        List<CheckResult> r = Checks.run(h, "vf-iommu-isolated");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.FAIL, CheckStatus.PASS);
        CheckResult fail = r.get(0);
        assertThat(fail.subject()).startsWith("0000:81:00.3 (VF 1 of enp129s0f0np0");
        assertThat(fail.evidence()).contains("IOMMU group 30 also holds 0000:81:00.0 [15b3:101f] class 0x020000");
        assertThat(fail.fix()).contains("ACS").contains("pcie_acs_override");
    }

    @Test
    void vfIommuIsolatedJudgesOnlyTheVfsTheSpecPassesThrough() {
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(2, null, "vfio-pci").vfGroup(1, 30));
        Expectations e = new Expectations("spec.yaml", List.of(), null, List.of(), List.of("0000:81:00.2"), null);
        CheckResult r = Checks.one(h, "vf-iommu-isolated", c -> c.withExpectations(e));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
    }
}
