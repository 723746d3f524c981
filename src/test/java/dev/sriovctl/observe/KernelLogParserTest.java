package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KernelLogParserTest {

    private static List<KernelLogSignature> signatures(String text) {
        return KernelLogSignature.find(KernelLogParser.parse(text)).stream().map(KernelLogSignature.Match::signature).toList();
    }

    @Test
    void joinsTheIndentedContinuationOfFailedToActivateVfLag() {
        List<KernelLogLine> lines = KernelLogParser.parse(Fixtures.body("dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt"));
        assertThat(lines).hasSize(7);
        KernelLogLine failed = lines.get(2);
        assertThat(failed.timestamp()).isEqualTo(209.847835);
        assertThat(failed.device()).isEqualTo("0000:d8:00.0");
        assertThat(failed.text()).contains("Failed to activate VF LAG\nMake sure all VFs are unbound prior to VF LAG activation or deactivation");
        assertThat(failed.quote()).isEqualTo("[209.847835] mlx5_core 0000:d8:00.0: mlx5_activate_lag:338:(pid 888): Failed to activate VF LAG");
    }

    @Test
    void recognisesVfLagFailureCreateLagAndOldLagMapWithSharedFdb() {
        List<KernelLogSignature> s = signatures(Fixtures.body("dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt"));
        assertThat(s).contains(KernelLogSignature.VF_LAG_FAILED, KernelLogSignature.CREATE_LAG_FAILED,
                KernelLogSignature.LAG_MAP, KernelLogSignature.LAG_SHARED_FDB);
        assertThat(s).filteredOn(x -> x == KernelLogSignature.VF_LAG_FAILED).hasSize(2);
    }

    @Test
    void recognisesLegacyAndOffloadsEswitchEnable() {
        List<KernelLogLine> lines = KernelLogParser.parse(Fixtures.body("dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt"));
        List<KernelLogSignature.Match> m = KernelLogSignature.find(lines, KernelLogSignature.Area.SRIOV_ENABLE);
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.signature()).isEqualTo(KernelLogSignature.MLX5_ESWITCH_ENABLED);
            assertThat(x.line().text()).contains("mode(OFFLOADS), nvfs(2)");
            assertThat(x.line().device()).isEqualTo("0000:81:00.1");
        });
        assertThat(signatures(Fixtures.body("dmesg/mlx5-cx5-sriov-enable-legacy-vf-probe-iommu-group-kernel5.16.txt")))
                .containsExactly(KernelLogSignature.MLX5_ESWITCH_ENABLED);
    }

    @Test
    void promptLineOfAGrepIsSkippedAndDmarLinesAreIommuEvidence() {
        List<KernelLogLine> lines = KernelLogParser.parse(Fixtures.body("dmesg/intel-dmar-iommu-enabled-proxmox-grep.txt"));
        assertThat(lines.get(0).text()).startsWith("ACPI: DMAR");
        assertThat(KernelLogSignature.find(lines, KernelLogSignature.Area.IOMMU)).hasSize(2)
                .allSatisfy(m -> assertThat(m.line().text()).isEqualTo("DMAR: IOMMU enabled"));
    }

    // ---- messages with no real capture in ../shared/fixtures: quoted from the source that prints them ----

    @Test
    void eswitchOffloadsFailureAndBadResourceStateAsReportedInSriovNetworkOperatorIssue1015() {
        // k8snetworkplumbingwg/sriov-network-operator#1015 (ConnectX-6 Lx, FW 26.42.1000): devlink's extack
        // answer and the dmesg lines quoted in the issue
        String text = """
                Error: mlx5_core: Failed setting eswitch to offloads.
                mlx5_core 0101:00:00.0: mlx5_cmd_out_err:808:(pid 1234): CREATE_FLOW_TABLE(0x930) op_mod(0x0) failed, status bad resource state(0x9), syndrome (0x98afbb), err(-22)
                mlx5_core 0101:00:00.0: E-Switch: Failed to create slow path FDB Table err -22
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.ESWITCH_OFFLOADS_FAILED,
                KernelLogSignature.BAD_RESOURCE_STATE, KernelLogSignature.ESWITCH_SLOW_FDB);
        assertThat(KernelLogParser.parse(text).get(1).device()).isEqualTo("0101:00:00.0");
    }

    @Test
    void mmioAndBusRangeFailuresQuotedFromDriversPciIovC() {
        // drivers/pci/iov.c sriov_enable(): pci_err(dev, "not enough MMIO resources for SR-IOV\n") and
        // "can't enable %d VFs (bus %02x out of range of %pR)\n"; drivers/net/ethernet/mellanox/mlx5/core/sriov.c
        // "pci_enable_sriov failed : %d\n" (the first line as a public OpenShift case quotes it)
        String text = """
                [   12.000001] mlx5_core 0000:b0:00.0: not enough MMIO resources for SR-IOV
                [   12.000002] mlx5_core 0000:b0:00.0: mlx5_sriov_enable:168:(pid 1): pci_enable_sriov failed : -12
                [   13.000003] pci 0000:81:00.0: can't enable 8 VFs (bus 82 out of range of [bus 81])
                [   13.000004] pci 0000:81:00.0: SR-IOV: bus number out of range
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.MMIO_RESOURCES, KernelLogSignature.MLX5_ENABLE_SRIOV_FAILED,
                KernelLogSignature.BUS_RANGE, KernelLogSignature.BUS_RANGE);
    }

    @Test
    void numvfsBusyFromTheKernelWarningAndFromAShell() {
        // drivers/pci/iov.c sriov_numvfs_store(): pci_warn("%d VFs already enabled. Disable before enabling %d VFs\n");
        // a tool's own log of the -EBUSY write: Go's os error text ("write PATH: device or resource busy", as
        // sriov-network-operator logs it) and Python's OSError (netplan, os-net-config)
        String text = """
                [  100.5] mlx5_core 0000:81:00.0: 4 VFs already enabled. Disable before enabling 8 VFs
                write /sys/bus/pci/devices/0000:81:00.0/sriov_numvfs: device or resource busy
                OSError: [Errno 16] Device or resource busy: '/sys/class/net/enp129s0f0np0/device/sriov_numvfs'
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.NUMVFS_BUSY, KernelLogSignature.NUMVFS_BUSY, KernelLogSignature.NUMVFS_BUSY);
    }

    @Test
    void lagExtackWarningsQuotedFromLagCAndMellanoxOvsTests() {
        // lag.c mlx5_handle_changeupper_event() NL_SET_ERR_MSG_MOD texts; 'ip link set PF master BOND' prints them as
        // "Warning: mlx5_core: ..." (Mellanox/ovs-tests test-vf-lag-warn-unsupported-mode.sh expects exactly that)
        String text = """
                Warning: mlx5_core: Can't activate LAG offload, TX type isn't supported.
                Warning: mlx5_core: Can't activate LAG offload, PF is configured with more than 64 VFs.
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.LAG_TX_TYPE, KernelLogSignature.LAG_NOT_READY);
    }

    @Test
    void currentLagMessagesQuotedFromLagC() {
        // lag.c (torvalds/linux, recent): "lag map:%s", "shared_fdb:%d mode:%s", "Operation mode is single FDB",
        // "Failed to deactivate VF LAG; driver restart required", "Can't enable single FDB mode"
        String text = """
                [   30.1] mlx5_core 0000:81:00.0: lag map: port 1:1 port 2:2
                [   30.2] mlx5_core 0000:81:00.0: shared_fdb:1 mode:queue_affinity
                [   30.3] mlx5_core 0000:81:00.0: Operation mode is single FDB
                [   31.0] mlx5_core 0000:81:00.0: lag map active ports: 1, 2
                [   40.0] mlx5_core 0000:81:00.0: Can't enable single FDB mode
                [   41.0] mlx5_core 0000:81:00.0: Failed to deactivate VF LAG; driver restart required
                              Make sure all VFs are unbound prior to VF LAG activation or deactivation
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.LAG_MAP, KernelLogSignature.LAG_SHARED_FDB,
                KernelLogSignature.LAG_SINGLE_FDB, KernelLogSignature.LAG_MAP, KernelLogSignature.SINGLE_FDB_FAILED,
                KernelLogSignature.VF_LAG_DEACTIVATE_FAILED);
    }

    @Test
    void amdViLinesQuotedFromDriversIommuAmdInitC() {
        // drivers/iommu/amd/init.c with pr_fmt "AMD-Vi: ": pci_info(... "Found IOMMU cap 0x%x\n") and
        // pr_info("Interrupt remapping enabled\n")
        String text = """
                [    1.2] pci 0000:00:00.2: AMD-Vi: Found IOMMU cap 0x40
                [    1.3] AMD-Vi: Interrupt remapping enabled
                """;
        assertThat(signatures(text)).containsExactly(KernelLogSignature.AMD_VI, KernelLogSignature.AMD_VI);
    }

    @Test
    void pfRenameFileExistsAsSystemdUdevdLogsIt() {
        // systemd/systemd#29957 quotes the udevd line; src/udev/udev-event.c prints it
        String text = "systemd-udevd[492]: eth1: Failed to rename network interface 4 from 'eth2' to 'eth1': File exists";
        assertThat(signatures(text)).containsExactly(KernelLogSignature.RENAME_EXISTS);
    }

    @Test
    void everySignatureHasMeaningAndSource() {
        for (KernelLogSignature s : KernelLogSignature.values()) {
            assertThat(s.meaning()).as(s.name()).isNotBlank();
            assertThat(s.source()).as(s.name()).isNotBlank();
            if (s.severity() == KernelLogSignature.Severity.ERROR) assertThat(s.fix()).as(s.name()).isNotBlank();
        }
    }
}
