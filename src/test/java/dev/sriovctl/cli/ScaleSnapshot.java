package dev.sriovctl.cli;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;
import dev.sriovctl.observe.PciAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a large host for bench/plan-scale: {@code cards} dual-port ConnectX-6 Lx cards in
 * switchdev with {@code vfs} VFs per PF (representors under the kernel's names), an empty Open
 * vSwitch, and a spec that bridges every representor. Not a test: run by the bench script
 * ({@code java -cp target/sriovctl.jar:target/test-classes dev.sriovctl.cli.ScaleSnapshot DIR CARDS VFS}).
 * Used until the simulated host (sriovctl sim create) is merged; outputs follow the tools' JSON formats.
 */
public final class ScaleSnapshot {
    private ScaleSnapshot() {
    }

    private static final String[] SLOTS = {"0000:81:00", "0000:82:00", "0000:c1:00", "0000:c2:00", "0000:41:00", "0000:42:00",
            "0000:01:00", "0000:02:00"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int cards = Integer.parseInt(args[1]);
        int vfs = Integer.parseInt(args[2]);
        int pfsPerCard = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        write(dir, cards, pfsPerCard, vfs);
    }

    static void write(Path dir, int cards, int pfsPerCard, int vfs) throws IOException {
        SnapshotWriter w = new SnapshotWriter(dir.resolve("snapshot"));
        w.file("/proc/sys/kernel/hostname", "pve-scale\n");
        w.file("/proc/sys/kernel/osrelease", "6.8.12-4-pve\n");
        w.file("/proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz ro quiet intel_iommu=on iommu=pt\n");
        w.file("/etc/network/interfaces", "auto lo\niface lo inet loopback\n\nsource /etc/network/interfaces.d/*\n");
        w.directory("/etc/network/interfaces.d");
        w.directory("/etc/udev/rules.d");
        w.directory("/sys/bus/pci/drivers/mlx5_core");
        StringBuilder links = new StringBuilder("[");
        StringBuilder spec = new StringBuilder("version: 1\nnics:\n");
        StringBuilder bridges = new StringBuilder("bridges:\n");
        int ifindex = 10;
        for (int c = 0; c < cards; c++) {
            String nic = "s" + (c + 1);
            spec.append("  - name: ").append(nic).append("\n    ports:\n");
            for (int f = 0; f < pfsPerCard; f++) {
                String pci = SLOTS[c] + "." + f;
                int bus = Integer.parseInt(SLOTS[c].substring(5, 7), 16);
                String netdev = "enp" + bus + "s0f" + f + "np" + f;
                int offset = f == 0 ? 2 : 2 + vfs * f - f;
                String pfDir = "/sys/bus/pci/devices/" + pci;
                attrs(w, pfDir, "0x101f", vfs, offset);
                w.file(pfDir + "/sriov_totalvfs", Math.max(vfs, 8) + "\n");
                w.directory(pfDir + "/net/" + netdev);
                net(w, netdev, "p" + f);
                StringBuilder vfinfo = new StringBuilder();
                for (int i = 0; i < vfs; i++) {
                    String vf = PciAddress.parse(pci).plusRoutingId(offset + i).toString();
                    w.link(pfDir + "/virtfn" + i, "../" + vf);
                    String vfDir = "/sys/bus/pci/devices/" + vf;
                    w.file(vfDir + "/vendor", "0x15b3\n");
                    w.file(vfDir + "/device", "0x101e\n");
                    w.file(vfDir + "/class", "0x020000\n");
                    w.link(vfDir + "/physfn", "../" + pci);
                    w.link(vfDir + "/driver", "../../drivers/mlx5_core");
                    String rep = netdev.replace("np" + f, "") + "r" + i;
                    w.directory(pfDir + "/net/" + rep);
                    net(w, rep, "pf" + f + "vf" + i);
                    if (i > 0) vfinfo.append(',');
                    vfinfo.append("{\"vf\":").append(i).append(",\"address\":\"02:00:00:").append(String.format("%02x:%02x:%02x", c, f, i))
                            .append("\",\"spoofchk\":false,\"trust\":false,\"link_state\":\"auto\",\"max_tx_rate\":0}");
                    links.append(links.length() > 1 ? "," : "").append("{\"ifindex\":").append(ifindex++).append(",\"ifname\":\"").append(rep)
                            .append("\",\"mtu\":1500,\"max_mtu\":9978,\"operstate\":\"DOWN\",\"phys_port_name\":\"pf").append(f).append("vf").append(i).append("\"}");
                }
                links.append(links.length() > 1 ? "," : "").append("{\"ifindex\":").append(ifindex++).append(",\"ifname\":\"").append(netdev)
                        .append("\",\"mtu\":1500,\"max_mtu\":9978,\"operstate\":\"UP\",\"phys_port_name\":\"p").append(f)
                        .append("\",\"vfinfo_list\":[").append(vfinfo).append("]}");
                w.command(new CommandResult(CommandCatalog.devlinkEswitchShow(pci), 0,
                        "{\"dev\":{\"pci/" + pci + "\":{\"mode\":\"switchdev\",\"inline-mode\":\"none\",\"encap-mode\":\"basic\"}}}\n", ""));
                spec.append("      - {pf: ").append(netdev).append(", eswitch: switchdev, vfs: ").append(vfs).append("}\n");
            }
            bridges.append("  - name: vmbr").append(c + 1).append("\n    mtu: 9000\n    bond: {name: bond").append(c + 1)
                    .append(", type: ovs, members: [").append(nic).append("/p0").append(pfsPerCard > 1 ? ", " + nic + "/p1" : "")
                    .append("]}\n    ports: [").append(nic).append("/*]\n");
        }
        links.append("]\n");
        w.command(new CommandResult(CommandCatalog.ipLinkDetails(), 0, links.toString(), ""));
        w.command(new CommandResult(CommandCatalog.ovsList("Open_vSwitch"), 0, "{\"data\":[[[\"uuid\",\"2aa59794-c7d0-4c19-ac95-d5a4e7dc5149\"],"
                + "[\"map\",[]],[\"map\",[]],\"3.1.0\"]],\"headings\":[\"_uuid\",\"external_ids\",\"other_config\",\"ovs_version\"]}\n", ""));
        for (String t : List.of("Bridge", "Port", "Interface")) {
            w.command(new CommandResult(CommandCatalog.ovsList(t), 0, "{\"data\":[],\"headings\":[\"_uuid\",\"name\"]}\n", ""));
        }
        w.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve-scale", "2026-01-01T00:00:00Z", "6.8.12-4-pve"));
        spec.append("ovs: {hw-offload: true, tc-policy: skip_sw}\n").append(bridges);
        Files.writeString(dir.resolve("spec.yaml"), spec.toString());
    }

    private static void attrs(SnapshotWriter w, String d, String device, int vfs, int offset) {
        w.file(d + "/class", "0x020000\n");
        w.file(d + "/vendor", "0x15b3\n");
        w.file(d + "/device", device + "\n");
        w.file(d + "/sriov_numvfs", vfs + "\n");
        w.file(d + "/sriov_offset", offset + "\n");
        w.file(d + "/sriov_stride", "1\n");
        w.file(d + "/sriov_vf_device", "101e\n");
        w.link(d + "/driver", "../../drivers/mlx5_core");
    }

    private static void net(SnapshotWriter w, String netdev, String port) {
        String n = "/sys/class/net/" + netdev;
        w.file(n + "/phys_port_name", port + "\n");
        w.file(n + "/phys_switch_id", "52ac120003bd70c4\n");
        w.file(n + "/mtu", "1500\n");
        w.file(n + "/operstate", "down\n");
    }

    /** Keeps the generator compiling against the model it feeds (and lets a test use it). */
    static List<String> slots(int cards) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cards; i++) out.add(SLOTS[i]);
        return out;
    }
}
