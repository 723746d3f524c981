package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.numvfs;
import static dev.sriovctl.sim.Sims.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sriov_numvfs, VF addresses, IOMMU groups and driver binding. Sources: drivers/pci/iov.c
 * (sriov_numvfs_store, virtfn_bus/devfn), Documentation/PCI/pci-iov-howto.rst, drivers/base/bus.c
 * (bind_store, unbind_store), drivers/pci/pci-driver.c (pci_match_device, new_id_store).
 */
class SriovRulesTest {

    private static final String PF0 = "0000:81:00.0";
    private static final String PF1 = "0000:81:00.1";

    @TempDir
    Path tmp;

    @Test
    void changingANonZeroVfCountWithoutGoingThroughZeroIsBusy() {
        // drivers/pci/iov.c sriov_numvfs_store: pci_warn "%d VFs already enabled. Disable before enabling %d VFs", -EBUSY
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(echo(h, numvfs(PF0), "4")).isEqualTo("ok");
            assertThat(echo(h, numvfs(PF0), "2")).isEqualTo("Device or resource busy");
            assertThat(read(h, numvfs(PF0))).isEqualTo("4");
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0: 4 VFs already enabled. Disable before enabling 2 VFs");
            assertThat(echo(h, numvfs(PF0), "0")).isEqualTo("ok");
            assertThat(echo(h, numvfs(PF0), "2")).isEqualTo("ok");
            assertThat(read(h, numvfs(PF0))).isEqualTo("2");
        }
    }

    @Test
    void moreVfsThanTotalvfsIsOutOfRange() {
        // drivers/pci/iov.c: num_vfs > pci_sriov_get_totalvfs(pdev) -> -ERANGE, checked before anything else
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(read(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_totalvfs")).isEqualTo("8");
            assertThat(echo(h, numvfs(PF0), "9")).isEqualTo("Numerical result out of range");
            assertThat(echo(h, numvfs(PF0), "70000")).isEqualTo("Numerical result out of range");
            assertThat(read(h, numvfs(PF0))).isEqualTo("0");
        }
    }

    @Test
    void garbageIsAnInvalidArgumentAndNumbersParseLikeKstrtou16() {
        // kstrtou16(buf, 0, ...): base prefixes 0x and 0 (octal), a trailing newline, nothing else
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(echo(h, numvfs(PF0), "abc")).isEqualTo("Invalid argument");
            assertThat(echo(h, numvfs(PF0), "-1")).isEqualTo("Invalid argument");
            assertThat(echo(h, numvfs(PF0), "4 VFs")).isEqualTo("Invalid argument");
            assertThat(echo(h, numvfs(PF0), "0x4")).isEqualTo("ok");
            assertThat(read(h, numvfs(PF0))).isEqualTo("4");
            assertThat(echo(h, numvfs(PF0), "0")).isEqualTo("ok");
            assertThat(echo(h, numvfs(PF0), "010")).isEqualTo("ok");
            assertThat(read(h, numvfs(PF0))).isEqualTo("8");
        }
    }

    @Test
    void writingTheCurrentCountChangesNothing() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "4");
            int lines = h.kernelLog().size();
            assertThat(echo(h, numvfs(PF0), "4")).isEqualTo("ok");
            assertThat(h.kernelLog()).hasSize(lines);
        }
    }

    @Test
    void vfAddressesFollowOffsetAndStride() {
        // routing id = PF + offset + stride * i (drivers/pci/iov.c); PF1's VFs follow PF0's, as in
        // fixtures/lspci/lspci-cx4lx-vfs-and-dpdk-devbind-status.txt (08:01.2 with 8 VFs per PF)
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(read(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_offset")).isEqualTo("2");
            assertThat(read(h, "/sys/bus/pci/devices/" + PF1 + "/sriov_offset")).isEqualTo("9");
            assertThat(read(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_stride")).isEqualTo("1");
            echo(h, numvfs(PF0), "8");
            echo(h, numvfs(PF1), "2");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF0 + "/virtfn0")).contains("../0000:81:00.2");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF0 + "/virtfn7")).contains("../0000:81:01.1");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF1 + "/virtfn0")).contains("../0000:81:01.2");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:01.2/physfn")).contains("../0000:81:00.1");
            assertThat(read(h, "/sys/bus/pci/devices/0000:81:01.2/device")).isEqualTo("0x101e");
            assertThat(read(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_vf_device")).isEqualTo("101e");
        }
    }

    @Test
    void sysfsLinksAreRelativeAndLaidOutAsTheKernelDoes() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "1");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF0)).contains("../../../devices/pci0000:80/0000:80:03.1/0000:81:00.0");
            assertThat(h.readLink("/sys/class/net/enp129s0f0np0")).contains("../../devices/pci0000:80/0000:80:03.1/0000:81:00.0/net/enp129s0f0np0");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF0 + "/driver")).contains("../../../../bus/pci/drivers/mlx5_core");
            assertThat(h.readLink("/sys/bus/pci/devices/" + PF0 + "/iommu_group")).get().asString()
                    .startsWith("../../../../kernel/iommu_groups/");
            assertThat(h.readLink("/sys/class/net/enp129s0f0np0/device")).contains("../../../0000:81:00.0");
            assertThat(h.readLink("/sys/kernel/iommu_groups/42/devices/" + PF0)).contains("../../../../devices/pci0000:80/0000:80:03.1/0000:81:00.0");
            assertThat(read(h, "/sys/class/net/enp129s0f0np0/device/sriov_numvfs")).isEqualTo("1");
            assertThat(read(h, "/sys/bus/pci/devices/0000:81:00.2/driver_override")).isEqualTo("(null)");
        }
    }

    @Test
    void eachVfHasItsOwnIommuGroupBehindAcsAndSharesThePfsWithout() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "2");
            assertThat(h.list("/sys/bus/pci/devices/0000:81:00.2/iommu_group/devices")).containsExactly("0000:81:00.2");
            assertThat(h.list("/sys/bus/pci/devices/0000:81:00.3/iommu_group/devices")).containsExactly("0000:81:00.3");
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.2: Adding to iommu group 44");
        }
        try (SimHost h = Sims.create(tmp.resolve("noacs"), SimOptions.defaults("cx6lx-2p").withAcs(false))) {
            echo(h, numvfs(PF0), "2");
            assertThat(h.list("/sys/bus/pci/devices/0000:81:00.2/iommu_group/devices"))
                    .containsExactly(PF0, PF1, "0000:81:00.2", "0000:81:00.3");
        }
    }

    @Test
    void groupsFreedByRemovedVfsAreReusedLowestFirst() {
        // drivers/iommu/iommu.c iommu_group_alloc: ida_alloc takes the lowest free id
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "2");
            String g = h.readLink("/sys/bus/pci/devices/0000:81:00.2/iommu_group").orElseThrow();
            echo(h, numvfs(PF0), "0");
            echo(h, numvfs(PF1), "1");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:01.2/iommu_group")).contains(g);
        }
    }

    @Test
    void vfsProbeTheirDriverAndLogWhatMlx5Prints() {
        // fixtures/dmesg/mlx5-cx5-sriov-enable-legacy-vf-probe-iommu-group-kernel5.16.txt
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "1");
            String log = Sims.log(h);
            String fixture = Fixtures.body("dmesg/mlx5-cx5-sriov-enable-legacy-vf-probe-iommu-group-kernel5.16.txt");
            for (String shape : new String[]{"mlx5_core \\S+: E-Switch: Enable: mode\\(LEGACY\\), nvfs\\(\\d+\\), active vports\\(\\d+\\)",
                    "pci \\S+: \\[15b3:[0-9a-f]{4}\\] type 00 class 0x020000", "mlx5_core \\S+: Adding to iommu group \\d+",
                    "mlx5_core \\S+: enabling device \\(0000 -> 0002\\)", "mlx5_core \\S+: Assigned random MAC address [0-9a-f:]{17}",
                    "mlx5_core \\S+: MLX5E: StrdRq\\(1\\) RqSz\\(8\\) StrdSz\\(2048\\) RxCqeCmprss\\(0\\)",
                    "mlx5_core \\S+: Supported tc offload range - chains: 1, prios: 1"}) {
                Pattern p = Pattern.compile("\\] " + shape);
                assertThat(p.matcher(fixture).find()).as("fixture has %s", shape).isTrue();
                assertThat(p.matcher(log).find()).as("sim logs %s", shape).isTrue();
            }
            assertThat(Sims.net(h, "0000:81:00.2")).containsExactly("enp129s0f0v0");
        }
    }

    @Test
    void unbindAndBindFollowTheDriverCore() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "1");
            String vf = "0000:81:00.2";
            // unbind from a driver the device is not bound to: -ENODEV
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/unbind", vf)).isEqualTo("No such device");
            assertThat(echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", vf)).isEqualTo("ok");
            assertThat(h.readLink("/sys/bus/pci/devices/" + vf + "/driver")).isEmpty();
            assertThat(h.exists("/sys/bus/pci/devices/" + vf + "/net")).isFalse();
            // vfio-pci has no id for 15b3:101e: bind is refused until driver_override names it
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/bind", vf)).isEqualTo("No such device");
            assertThat(echo(h, "/sys/bus/pci/devices/" + vf + "/driver_override", "vfio-pci")).isEqualTo("ok");
            assertThat(echo(h, "/sys/bus/pci/drivers_probe", vf)).isEqualTo("ok");
            assertThat(h.readLink("/sys/bus/pci/devices/" + vf + "/driver")).contains("../../../../bus/pci/drivers/vfio-pci");
            assertThat(h.exists("/sys/bus/pci/drivers/vfio-pci/" + vf)).isTrue();
            // a bound device cannot be bound again
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/bind", vf)).isEqualTo("Device or resource busy");
            // driver_override keeps mlx5_core away
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/unbind", vf)).isEqualTo("ok");
            assertThat(echo(h, "/sys/bus/pci/drivers/mlx5_core/bind", vf)).isEqualTo("No such device");
        }
    }

    @Test
    void newIdBindsEveryUnboundMatchingDevice() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_drivers_autoprobe", "0");
            echo(h, numvfs(PF0), "2");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00.2/driver")).isEmpty();
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/new_id", "15b3 101e")).isEqualTo("ok");
            assertThat(h.list("/sys/bus/pci/drivers/vfio-pci")).contains("0000:81:00.2", "0000:81:00.3");
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/new_id", "15b3 101e")).isEqualTo("File exists");
            assertThat(echo(h, "/sys/bus/pci/drivers/vfio-pci/new_id", "zz")).isEqualTo("Invalid argument");
        }
    }

    @Test
    void readOnlyAttributesAndMissingPathsAreRefusedAsByTheShell() {
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(echo(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_totalvfs", "4")).isEqualTo("Permission denied");
            assertThat(echo(h, "/sys/bus/pci/devices/" + PF0 + "/nonexistent", "4")).isEqualTo("Permission denied");
            assertThat(echo(h, "/sys/bus/pci/devices/0000:99:00.0/sriov_numvfs", "4")).isEqualTo("No such file or directory");
        }
    }

    @Test
    void noDriverMeansNoSriovConfiguration() {
        // sriov_numvfs_store: no driver with sriov_configure -> "Driver does not support SRIOV configuration via sysfs", -ENOENT
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", PF1)).isEqualTo("ok");
            assertThat(echo(h, numvfs(PF1), "2")).isEqualTo("No such file or directory");
            assertThat(Sims.log(h)).contains("pci 0000:81:00.1: Driver does not support SRIOV configuration via sysfs");
            assertThat(echo(h, "/sys/bus/pci/drivers/mlx5_core/bind", PF1)).isEqualTo("ok");
            assertThat(Sims.net(h, PF1)).hasSize(1);
        }
    }

    @Test
    void ethtoolReportsTheInboxDriverLikeTheFixture() {
        // fixtures/ethtool/ethtool-i-mlx5-cx4lx-ofed-vs-inbox.txt (second block: the inbox driver)
        try (SimHost h = Sims.guideLike(tmp)) {
            CommandResult r = Sims.run(h, "ethtool", "-i", "enp129s0f0np0");
            String fixture = Fixtures.body("ethtool/ethtool-i-mlx5-cx4lx-ofed-vs-inbox.txt").split("\n\n")[1];
            assertThat(keys(r.stdout())).isEqualTo(keys(fixture));
            assertThat(r.stdout()).contains("driver: mlx5_core\nversion: 6.8.12-4-pve\nfirmware-version: 26.36.1010 (MT_0000000547)\n");
            assertThat(Sims.run(h, "ethtool", "-i", "nope").exitCode()).isEqualTo(71);
        }
    }

    private static String keys(String text) {
        StringBuilder sb = new StringBuilder();
        for (String l : text.strip().split("\n")) sb.append(l, 0, l.indexOf(':') + 1).append('\n');
        return sb.toString();
    }
}
