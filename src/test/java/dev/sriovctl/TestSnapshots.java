package dev.sriovctl;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;

import java.nio.file.Path;

/**
 * Snapshots for tests, with sysfs laid out as the kernel does (PCI device directories under
 * /sys/devices, relative links from /sys/bus/pci/devices and /sys/class/net, virtfnN/physfn) and,
 * for Open vSwitch, the real lab outputs from ../shared/fixtures/ovs (OVS 3.1, bond0 of ens1f0 and
 * ens1f1 with ens1f1 down, representor stand-ins pf0vf0..pf0vf3 in bridge vmbr1).
 */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    private static final String ROOT_PORT = "/sys/devices/pci0000:00/0000:00:03.1";
    private static final String PF0 = "0000:01:00.0";
    private static final String PF1 = "0000:01:00.1";
    private static final String SWITCH_ID = "0c42a10300000001";

    /**
     * A two-port ConnectX-6 Lx (15b3:101f) whose PF netdevs are ens1f0/ens1f1 (the lab's bond
     * members), PF0 in switchdev with 4 VFs (VF0 on vfio-pci, the others on mlx5_core) and
     * representors pf0vf0..pf0vf3; with {@code ovs} the lab's OVS database and bond state.
     */
    public static SnapshotWriter switchdevHost(Path dir, boolean ovs) {
        SnapshotWriter w = new SnapshotWriter(dir);
        pf(w, PF0, "ens1f0", "p0", 4);
        pf(w, PF1, "ens1f1", "p1", 0);
        w.file(ROOT_PORT + "/" + PF0 + "/net/ens1f0/compat/devlink/mode", "switchdev\n");
        for (int i = 0; i < 4; i++) {
            vf(w, i, "0000:01:00." + (i + 2), i == 0 ? "vfio-pci" : "mlx5_core", i == 0 ? null : "ens1f0v" + i, 40 + i);
            representor(w, "pf0vf" + i, "pf0vf" + i);
        }
        w.directory("/sys/kernel/iommu_groups");
        for (int g = 0; g < 48; g++) w.directory("/sys/kernel/iommu_groups/" + g + "/devices");
        if (ovs) {
            w.command(new CommandResult(CommandCatalog.ovsList("Open_vSwitch"), 0,
                    Fixtures.body("ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt"), ""));
            w.command(new CommandResult(CommandCatalog.ovsList("Bridge"), 0,
                    Fixtures.body("ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt"), ""));
            w.command(new CommandResult(CommandCatalog.ovsList("Port"), 0,
                    Fixtures.body("ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt"), ""));
            w.command(new CommandResult(CommandCatalog.ovsList("Interface"), 0,
                    Fixtures.body("ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt"), ""));
            w.command(new CommandResult(CommandCatalog.ovsBondShow(), 0,
                    Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt"), ""));
            w.command(new CommandResult(CommandCatalog.ovsLacpShow(), 0,
                    Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt"), ""));
        }
        return w;
    }

    public static SnapshotFormat.Meta meta(String hostname) {
        return new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname, "2026-11-25T00:00:00Z", "6.8.12-4-pve");
    }

    private static void pf(SnapshotWriter w, String bdf, String netdev, String port, int vfs) {
        String d = ROOT_PORT + "/" + bdf;
        w.file(d + "/vendor", "0x15b3\n");
        w.file(d + "/device", "0x101f\n");
        w.file(d + "/subsystem_vendor", "0x15b3\n");
        w.file(d + "/subsystem_device", "0x0016\n");
        w.file(d + "/class", "0x020000\n");
        w.file(d + "/sriov_totalvfs", "8\n");
        w.file(d + "/sriov_numvfs", vfs + "\n");
        w.file(d + "/sriov_offset", "2\n");
        w.file(d + "/sriov_stride", "1\n");
        w.file(d + "/sriov_vf_device", "101e\n");
        w.link(d + "/driver", "../../../../bus/pci/drivers/mlx5_core");
        w.link(d + "/iommu_group", "../../../../kernel/iommu_groups/" + (bdf.endsWith(".0") ? 20 : 21));
        w.link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:00/0000:00:03.1/" + bdf);
        String n = d + "/net/" + netdev;
        w.file(n + "/address", "0c:42:a1:00:00:0" + bdf.charAt(bdf.length() - 1) + "\n");
        w.file(n + "/mtu", "9000\n");
        w.file(n + "/operstate", "up\n");
        w.file(n + "/speed", "25000\n");
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", SWITCH_ID + "\n");
        w.link("/sys/class/net/" + netdev, "../../devices/pci0000:00/0000:00:03.1/" + bdf + "/net/" + netdev);
    }

    private static void vf(SnapshotWriter w, int index, String bdf, String driver, String netdev, int group) {
        String d = ROOT_PORT + "/" + bdf;
        w.file(d + "/vendor", "0x15b3\n");
        w.file(d + "/device", "0x101e\n");
        w.file(d + "/subsystem_vendor", "0x15b3\n");
        w.file(d + "/subsystem_device", "0x0016\n");
        w.file(d + "/class", "0x020000\n");
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

    private static void representor(SnapshotWriter w, String name, String port) {
        String n = ROOT_PORT + "/" + PF0 + "/net/" + name;
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", SWITCH_ID + "\n");
        w.file(n + "/mtu", "9000\n");
        w.link("/sys/class/net/" + name, "../../devices/pci0000:00/0000:00:03.1/" + PF0 + "/net/" + name);
    }
}
