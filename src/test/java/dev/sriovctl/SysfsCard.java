package dev.sriovctl;

import dev.sriovctl.host.SnapshotWriter;

/**
 * A two-port ConnectX card at PCI 0000:01:00 written into a snapshot's sysfs as the kernel lays it
 * out: device directories under /sys/devices behind root port 0000:00:03.1, relative links from
 * /sys/bus/pci/devices, /sys/class/net and the IOMMU groups, {@code virtfnN}/{@code physfn} between
 * PF0 and its VFs. The models differ only in their PCI ids and MAC prefix.
 *
 * @param deviceId        the PF's PCI device id (sysfs {@code device} without 0x)
 * @param vfDeviceId      the VFs' device id ({@code sriov_vf_device})
 * @param subsystemDevice the subsystem device id of PFs and VFs
 * @param macPrefix       the PF MACs, completed by the PCI function digit
 */
public record SysfsCard(SnapshotWriter w, String deviceId, String vfDeviceId, String subsystemDevice, String macPrefix) {

    public static final String ROOT_PORT = "/sys/devices/pci0000:00/0000:00:03.1";
    public static final String PF0 = "0000:01:00.0";
    public static final String PF1 = "0000:01:00.1";
    public static final String SWITCH_ID = "0c42a10300000001";

    /** A ConnectX-6 Lx (15b3:101f, VFs 101e). */
    public static SysfsCard connectX6Lx(SnapshotWriter w) {
        return new SysfsCard(w, "101f", "101e", "0016", "0c:42:a1:00:00:0");
    }

    /** A ConnectX-4 Lx (15b3:1015, VFs 1016). */
    public static SysfsCard connectX4Lx(SnapshotWriter w) {
        return new SysfsCard(w, "1015", "1016", "0003", "24:8a:07:00:00:0");
    }

    /** A PF with its netdev up at MTU 9000, 8 VFs possible and {@code vfs} enabled; IOMMU group 20 or 21. */
    public void pf(String bdf, String netdev, String port, int vfs) {
        String d = ROOT_PORT + "/" + bdf;
        ids(d, deviceId);
        w.file(d + "/sriov_totalvfs", "8\n");
        w.file(d + "/sriov_numvfs", vfs + "\n");
        w.file(d + "/sriov_offset", "2\n");
        w.file(d + "/sriov_stride", "1\n");
        w.file(d + "/sriov_vf_device", vfDeviceId + "\n");
        w.link(d + "/driver", "../../../../bus/pci/drivers/mlx5_core");
        w.link(d + "/iommu_group", "../../../../kernel/iommu_groups/" + (bdf.endsWith(".0") ? 20 : 21));
        w.link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:00/0000:00:03.1/" + bdf);
        String n = d + "/net/" + netdev;
        w.file(n + "/address", macPrefix + bdf.charAt(bdf.length() - 1) + "\n");
        w.file(n + "/mtu", "9000\n");
        w.file(n + "/operstate", "up\n");
        w.file(n + "/speed", "25000\n");
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", SWITCH_ID + "\n");
        w.link("/sys/class/net/" + netdev, "../../devices/pci0000:00/0000:00:03.1/" + bdf + "/net/" + netdev);
    }

    /** VF {@code index} of PF0 on {@code driver}, with a netdev at MTU 1500 unless {@code netdev} is null. */
    public void vf(int index, String bdf, String driver, String netdev, int group) {
        String d = ROOT_PORT + "/" + bdf;
        ids(d, vfDeviceId);
        w.link(d + "/driver", "../../../../bus/pci/drivers/" + driver);
        w.link(d + "/physfn", "../" + PF0);
        w.link(d + "/iommu_group", "../../../../kernel/iommu_groups/" + group);
        w.link(ROOT_PORT + "/" + PF0 + "/virtfn" + index, "../" + bdf);
        w.link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:00/0000:00:03.1/" + bdf);
        w.link("/sys/kernel/iommu_groups/" + group + "/devices/" + bdf, "../../../../devices/pci0000:00/0000:00:03.1/" + bdf);
        if (netdev != null) {
            w.file(d + "/net/" + netdev + "/mtu", "1500\n");
            w.link("/sys/class/net/" + netdev, "../../devices/pci0000:00/0000:00:03.1/" + bdf + "/net/" + netdev);
        }
    }

    /** A representor netdev listed under PF0's net/ directory (kernels ≥ 5.8). */
    public void representor(String name, String port) {
        String n = ROOT_PORT + "/" + PF0 + "/net/" + name;
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", SWITCH_ID + "\n");
        w.file(n + "/mtu", "9000\n");
        w.link("/sys/class/net/" + name, "../../devices/pci0000:00/0000:00:03.1/" + PF0 + "/net/" + name);
    }

    private void ids(String dir, String device) {
        w.file(dir + "/vendor", "0x15b3\n");
        w.file(dir + "/device", "0x" + device + "\n");
        w.file(dir + "/subsystem_vendor", "0x15b3\n");
        w.file(dir + "/subsystem_device", "0x" + subsystemDevice + "\n");
        w.file(dir + "/class", "0x020000\n");
    }
}
