package dev.sriovctl.pve;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A captured host shaped like the guide's: a ConnectX-6 Lx (15b3:101f, lspci/lspci-nn-cx6lx-proxmox.txt
 * shows it at 81:00.0/.1) with PF 0000:81:00.0 (enp129s0f0np0) carrying 4 VFs 0000:81:00.2-.5
 * (15b3:101e, the mlx5Gen VF id) and representors ovs-sw1pf0vf0..3, and PF 0000:81:00.1 without
 * VFs. Laid out like real sysfs: devices under /sys/devices/pci0000:80/0000:80:01.1/, reached
 * through relative symlinks from /sys/bus/pci/devices and /sys/class/net; virtfnN/physfn/driver/
 * iommu_group links as the kernel makes them. Until the simulated guide host exists, this is the
 * host the pve tests discover.
 *
 * <p>Values not in the fixtures are marked: no public sample shows a ConnectX-6 Lx VF's subsystem
 * id, so the VFs take the one of the only real mlx5Gen VF listing (a ConnectX-6 Dx, read in place
 * from lspci/lspci-nnk-cx6dx-mlx5gen-vfs-vfio-pci.txt); the PF subsystem (15b3:0020) and the
 * IOMMU group numbers (one group per function, as on hosts with ACS) are illustrative.
 */
public final class GuideHostSnapshot {
    private GuideHostSnapshot() {
    }

    public static final String PF0 = "0000:81:00.0";
    public static final String PF1 = "0000:81:00.1";
    public static final String[] VFS = {"0000:81:00.2", "0000:81:00.3", "0000:81:00.4", "0000:81:00.5"};
    public static final int[] VF_GROUPS = {45, 46, 47, 48};
    private static final String PARENT = "/sys/devices/pci0000:80/0000:80:01.1";

    /** The subsystem id of a real mlx5Gen VF, from the lspci fixture. */
    public static String vfSubsystemId() {
        String lspci = Fixtures.body("lspci/lspci-nnk-cx6dx-mlx5gen-vfs-vfio-pci.txt");
        Matcher m = Pattern.compile("Subsystem: .*\\[(15b3:[0-9a-f]{4})]").matcher(lspci);
        if (!m.find()) throw new IllegalStateException("no VF subsystem id in the lspci fixture");
        return m.group(1);
    }

    /** Writes the host; {@code vfDrivers[i]} is VF i's driver (null: unbound). */
    public static Path write(Path dir, String hostname, String... vfDrivers) {
        String[] drivers = vfDrivers.length == 0 ? new String[]{"vfio-pci", "vfio-pci", "vfio-pci", "vfio-pci"} : vfDrivers;
        String[] sub = vfSubsystemId().split(":");
        SnapshotWriter w = new SnapshotWriter(dir);
        w.file("/proc/sys/kernel/hostname", hostname + "\n");
        w.file("/proc/sys/kernel/osrelease", "6.8.12-4-pve\n");
        w.directory("/sys/bus/pci/drivers/mlx5_core");
        w.directory("/sys/bus/pci/drivers/vfio-pci");
        pf(w, PF0, "enp129s0f0np0", "p0", 40, VFS.length);
        pf(w, PF1, "enp129s0f1np1", "p1", 41, 0);
        for (int i = 0; i < VFS.length; i++) {
            String d = device(w, VFS[i], "0x101e", sub[0], sub[1], drivers[i], VF_GROUPS[i]);
            w.link(d + "/physfn", "../" + PF0);
            w.link(PARENT + "/" + PF0 + "/virtfn" + i, "../" + VFS[i]);
            if ("mlx5_core".equals(drivers[i])) netdev(w, VFS[i], "enp129s0f0v" + i, null, "c4:70:ff:ff:ff:e" + i);
            netdev(w, PF0, "ovs-sw1pf0vf" + i, "pf0vf" + i, "4e:2c:00:00:00:0" + i);
        }
        w.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname, "2026-01-01T00:00:00Z", "6.8.12-4-pve"));
        return dir;
    }

    private static void pf(SnapshotWriter w, String bdf, String netdev, String port, int group, int numVfs) {
        String d = device(w, bdf, "0x101f", "0x15b3", "0x0020", "mlx5_core", group);
        w.file(d + "/sriov_totalvfs", "8\n");
        w.file(d + "/sriov_numvfs", numVfs + "\n");
        w.file(d + "/sriov_offset", "2\n");
        w.file(d + "/sriov_stride", "1\n");
        w.file(d + "/sriov_vf_device", "101e\n"); // drivers/pci/iov.c sriov_vf_device_show prints "%x\n"
        netdev(w, bdf, netdev, port, "c4:70:bd:00:00:0" + (bdf.endsWith("0") ? "0" : "1"));
    }

    private static String device(SnapshotWriter w, String bdf, String device, String subVendor, String subDevice, String driver, int group) {
        String d = PARENT + "/" + bdf;
        w.link("/sys/bus/pci/devices/" + bdf, "../../.." + d.substring("/sys".length()));
        w.file(d + "/vendor", "0x15b3\n");
        w.file(d + "/device", device + "\n");
        w.file(d + "/subsystem_vendor", (subVendor.startsWith("0x") ? subVendor : "0x" + subVendor) + "\n");
        w.file(d + "/subsystem_device", (subDevice.startsWith("0x") ? subDevice : "0x" + subDevice) + "\n");
        w.file(d + "/class", "0x020000\n");
        w.file(d + "/numa_node", "0\n");
        w.file(d + "/irq", "0\n");
        if (driver != null) w.link(d + "/driver", "../../../../bus/pci/drivers/" + driver);
        w.link(d + "/iommu_group", "../../../../kernel/iommu_groups/" + group);
        w.link("/sys/kernel/iommu_groups/" + group + "/devices/" + bdf, "../../../../devices/pci0000:80/0000:80:01.1/" + bdf);
        return d;
    }

    private static void netdev(SnapshotWriter w, String bdf, String name, String portName, String mac) {
        String nd = PARENT + "/" + bdf + "/net/" + name;
        w.file(nd + "/address", mac + "\n");
        w.file(nd + "/mtu", "1500\n");
        w.file(nd + "/operstate", "up\n");
        if (portName != null) {
            w.file(nd + "/phys_port_name", portName + "\n");
            w.file(nd + "/phys_switch_id", "52ac120003bd70c4\n");
        }
        w.link("/sys/class/net/" + name, "../../devices/pci0000:80/0000:80:01.1/" + bdf + "/net/" + name);
    }

    static String[] drivers(String... d) {
        return Arrays.copyOf(d, VFS.length);
    }
}
