package dev.sriovctl.cli;

import dev.sriovctl.TestHosts;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;

import java.nio.file.Path;
import java.util.List;

/**
 * A small snapshot of the guide's host before anything was done (both PFs legacy, no VFs, an
 * empty Open vSwitch), written with SnapshotWriter for CLI tests. Command outputs follow the
 * tools' JSON formats (iproute2 devlink/ip -j, ovs-vsctl --format=json) with values from the guide;
 * the full example snapshot and the simulated host come from the sim work.
 */
final class GuideHostSnapshot {
    private GuideHostSnapshot() {
    }

    static Path write(Path dir) {
        SnapshotWriter w = new SnapshotWriter(dir);
        w.file("/proc/sys/kernel/hostname", "pve1\n");
        w.file("/proc/sys/kernel/osrelease", "6.8.12-4-pve\n");
        w.file("/proc/cmdline", TestHosts.CMDLINE + "\n");
        w.file("/etc/network/interfaces", TestHosts.PVE_INTERFACES);
        w.directory("/etc/network/interfaces.d");
        w.directory("/etc/udev/rules.d");
        w.directory("/sys/bus/pci/drivers/mlx5_core");
        w.directory("/sys/kernel/iommu_groups/40/devices");
        w.directory("/sys/kernel/iommu_groups/41/devices");
        pf(w, TestHosts.PF0, "enp129s0f0np0", "p0", 2, "c4:70:bd:16:64:32", 40);
        pf(w, TestHosts.PF1, "enp129s0f1np1", "p1", 9, "c4:70:bd:16:64:33", 41);
        w.command(new CommandResult(CommandCatalog.ipLinkDetails(), 0, "[{\"ifindex\":4,\"ifname\":\"enp129s0f0np0\",\"mtu\":1500,"
                + "\"max_mtu\":9978,\"operstate\":\"DOWN\",\"address\":\"c4:70:bd:16:64:32\",\"phys_port_name\":\"p0\","
                + "\"phys_switch_id\":\"3264160003bd70c4\",\"parentbus\":\"pci\",\"parentdev\":\"0000:81:00.0\"},"
                + "{\"ifindex\":5,\"ifname\":\"enp129s0f1np1\",\"mtu\":1500,\"max_mtu\":9978,\"operstate\":\"DOWN\","
                + "\"address\":\"c4:70:bd:16:64:33\",\"phys_port_name\":\"p1\",\"phys_switch_id\":\"3264160003bd70c4\","
                + "\"parentbus\":\"pci\",\"parentdev\":\"0000:81:00.1\"}]\n", ""));
        for (String pf : List.of(TestHosts.PF0, TestHosts.PF1)) {
            w.command(new CommandResult(CommandCatalog.devlinkEswitchShow(pf), 0,
                    "{\"dev\":{\"pci/" + pf + "\":{\"mode\":\"legacy\",\"inline-mode\":\"none\",\"encap-mode\":\"basic\"}}}\n", ""));
        }
        w.command(new CommandResult(CommandCatalog.ovsList("Open_vSwitch"), 0, "{\"data\":[[[\"uuid\",\"2aa59794-c7d0-4c19-ac95-d5a4e7dc5149\"],"
                + "[\"map\",[]],[\"map\",[]],\"3.1.0\",[\"set\",[]]]],\"headings\":[\"_uuid\",\"external_ids\",\"other_config\",\"ovs_version\",\"bridges\"]}\n", ""));
        for (String t : List.of("Bridge", "Port", "Interface")) {
            w.command(new CommandResult(CommandCatalog.ovsList(t), 0, "{\"data\":[],\"headings\":[\"_uuid\",\"name\"]}\n", ""));
        }
        w.command(new CommandResult(CommandCatalog.ovsBondShow(), 0, "", ""));
        w.command(new CommandResult(CommandCatalog.ovsLacpShow(), 0, "", ""));
        w.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve1", "2026-01-01T00:00:00Z", "6.8.12-4-pve"));
        return dir;
    }

    private static void pf(SnapshotWriter w, String pci, String netdev, String port, int offset, String mac, int group) {
        String d = "/sys/bus/pci/devices/" + pci;
        w.file(d + "/class", "0x020000\n");
        w.file(d + "/vendor", "0x15b3\n");
        w.file(d + "/device", "0x101f\n");
        w.file(d + "/subsystem_vendor", "0x15b3\n");
        w.file(d + "/subsystem_device", "0x0016\n");
        w.file(d + "/sriov_totalvfs", "8\n");
        w.file(d + "/sriov_numvfs", "0\n");
        w.file(d + "/sriov_offset", offset + "\n");
        w.file(d + "/sriov_stride", "1\n");
        w.file(d + "/sriov_vf_device", "101e\n");
        w.file(d + "/numa_node", "0\n");
        w.link(d + "/driver", "../../drivers/mlx5_core");
        w.link(d + "/iommu_group", "../../../../kernel/iommu_groups/" + group);
        w.directory(d + "/net/" + netdev);
        String n = "/sys/class/net/" + netdev;
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", "3264160003bd70c4\n");
        w.file(n + "/mtu", "1500\n");
        w.file(n + "/address", mac + "\n");
        w.file(n + "/operstate", "down\n");
    }
}
