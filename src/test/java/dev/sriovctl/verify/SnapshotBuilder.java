package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.host.SnapshotWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a small snapshot directory laid out as the kernel lays out sysfs (PCI functions under
 * /sys/devices/pci0000:80/0000:80:01.1/, /sys/bus/pci/devices and /sys/class/net as relative links,
 * virtfnN/physfn, driver and iommu_group links, representors under their PF's net/ directory as
 * kernels since 5.8 place them), plus recorded command outputs, often real ones read from
 * ../shared/fixtures. Tests then open it as a {@link SnapshotHost}.
 */
public final class SnapshotBuilder {

    public static final String ROOT_PORT = "/sys/devices/pci0000:80/0000:80:01.1";

    private final SnapshotWriter w;
    private final Map<List<String>, CommandResult> commands = new LinkedHashMap<>();
    private final List<PfSpec> pfs = new ArrayList<>();

    public SnapshotBuilder(Path dir) {
        this.w = new SnapshotWriter(dir);
        w.file("/proc/sys/kernel/hostname", "pve1\n");
        w.file("/proc/sys/kernel/osrelease", "6.8.12-4-pve\n");
        w.directory("/sys/bus/pci/drivers/mlx5_core");
        w.directory("/sys/bus/pci/drivers/vfio-pci");
    }

    /** An IOMMU that is on but has no group (as on a host without any device behind it). */
    public SnapshotBuilder emptyIommu() {
        w.directory("/sys/kernel/iommu_groups");
        return this;
    }

    /** A PF of a ConnectX-6 Lx (15b3:101f); configure it in {@code how}. */
    public SnapshotBuilder pf(String bdf, String netdev, Consumer<PfSpec> how) {
        PfSpec p = new PfSpec(bdf, netdev);
        how.accept(p);
        pfs.add(p);
        return this;
    }

    public SnapshotBuilder file(String path, String content) {
        w.file(path, content);
        return this;
    }

    public SnapshotBuilder link(String path, String target) {
        w.link(path, target);
        return this;
    }

    public SnapshotBuilder command(List<String> argv, String stdout) {
        commands.put(argv, new CommandResult(argv, 0, stdout, ""));
        return this;
    }

    public SnapshotBuilder commandFailed(List<String> argv, int exit, String stderr) {
        commands.put(argv, new CommandResult(argv, exit, "", stderr));
        return this;
    }

    /** A command whose output is a real one from ../shared/fixtures (its body, read in place). */
    public SnapshotBuilder commandFixture(List<String> argv, String fixture) {
        return command(argv, Fixtures.body(fixture));
    }

    public SnapshotBuilder ovs(OvsTables t) {
        for (Map.Entry<String, String> e : t.render().entrySet()) command(CommandCatalog.ovsList(e.getKey()), e.getValue());
        return this;
    }

    /** A Linux bond (VF-LAG) of these members, in this mode ("802.3ad 4" as sysfs prints it). */
    public SnapshotBuilder linuxBond(String name, String mode, String partnerMac, String... members) {
        String dir = "/sys/devices/virtual/net/" + name;
        w.file(dir + "/bonding/slaves", String.join(" ", members) + "\n");
        w.file(dir + "/bonding/mode", mode + "\n");
        if (partnerMac != null) w.file(dir + "/bonding/ad_partner_mac", partnerMac + "\n");
        w.file(dir + "/mtu", "9000\n");
        w.file(dir + "/operstate", "up\n");
        w.link("/sys/class/net/" + name, "../../devices/virtual/net/" + name);
        return this;
    }

    /** The mlx5 LAG files in debugfs for a PF. */
    public SnapshotBuilder lag(String pfBdf, String state, String type, String flags) {
        String dir = "/sys/kernel/debug/mlx5/" + pfBdf + "/lag";
        w.file(dir + "/state", state + "\n");
        if (type != null) w.file(dir + "/type", type + "\n");
        if (flags != null) w.file(dir + "/flags", flags + "\n");
        return this;
    }

    /** A Proxmox VE node: /etc/pve/nodes/NODE/qemu-server exists (pmxcfs), with no VM yet. */
    public SnapshotBuilder pveNode(String node) {
        w.directory(CommandCatalog.pveVmConfigDir(node));
        return this;
    }

    /** A VM configuration of a Proxmox VE node, {@code /etc/pve/nodes/NODE/qemu-server/VMID.conf}. */
    public SnapshotBuilder pveVm(String node, int vmid, String conf) {
        w.file(CommandCatalog.pveVmConfigDir(node) + "/" + vmid + ".conf", conf);
        return this;
    }

    public SnapshotHost build() {
        for (PfSpec p : pfs) p.write(w, this);
        commands.putIfAbsent(CommandCatalog.ipLinkDetails(), new CommandResult(CommandCatalog.ipLinkDetails(), 0, ipLink(), ""));
        for (CommandResult c : commands.values()) w.command(c);
        w.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve1", "2026-11-25T16:00:00Z", "6.8.12-4-pve"));
        return SnapshotHost.open(w.dir());
    }

    /**
     * {@code ip -d -j link show} for the PFs, with the keys iproute2 6.1 prints (as in the real lab capture
     * ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt), reduced to those sriovctl reads.
     */
    private String ipLink() {
        StringBuilder sb = new StringBuilder("[");
        int idx = 2;
        for (PfSpec p : pfs) {
            if (sb.length() > 1) sb.append(',');
            sb.append("{\"ifindex\":").append(idx++).append(",\"ifname\":\"").append(p.netdev).append("\",\"mtu\":").append(p.mtu)
                    .append(",\"operstate\":\"").append("1".equals(p.carrier) ? "UP" : "DOWN").append("\",\"address\":\"").append(p.mac)
                    .append("\",\"min_mtu\":68,\"max_mtu\":").append(p.maxMtu).append(",\"phys_port_name\":\"").append(p.port)
                    .append("\",\"parentbus\":\"pci\",\"parentdev\":\"").append(p.bdf).append("\"}");
        }
        return sb.append("]\n").toString();
    }

    /** One PF and its VFs. Defaults: up, MTU 1500 (max 9978), legacy, no VFs, totalvfs 8, IOMMU group by function. */
    public static final class PfSpec {
        final String bdf, netdev;
        String port, switchId, eswitch = "legacy", mac = "c4:70:bd:16:64:32";
        int totalVfs = 8, mtu = 1500, maxMtu = 9978, iommuGroup;
        Integer numVfs;
        boolean sriov = true;
        String carrier = "1";
        final List<VfSpec> vfs = new ArrayList<>();

        PfSpec(String bdf, String netdev) {
            this.bdf = bdf;
            this.netdev = netdev;
            this.port = "p" + bdf.charAt(bdf.length() - 1);
            this.iommuGroup = 30 + Character.digit(bdf.charAt(bdf.length() - 1), 16);
        }

        public PfSpec switchId(String id) {
            this.switchId = id;
            return this;
        }

        public PfSpec switchdev() {
            this.eswitch = "switchdev";
            return this;
        }

        public PfSpec eswitch(String mode) {
            this.eswitch = mode;
            return this;
        }

        public PfSpec mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public PfSpec maxMtu(int m) {
            this.maxMtu = m;
            return this;
        }

        public PfSpec totalVfs(int n) {
            this.totalVfs = n;
            return this;
        }

        public PfSpec noSriov() {
            this.sriov = false;
            return this;
        }

        public PfSpec numVfs(int n) {
            this.numVfs = n;
            return this;
        }

        public PfSpec carrier(boolean up) {
            this.carrier = up ? "1" : "0";
            return this;
        }

        /** n VFs at functions 2.. of this slot (function stride 1), with representors named by {@code repName} (null: none). */
        public PfSpec vfs(int n, java.util.function.IntFunction<String> repName, String driver) {
            int pfn = Character.digit(bdf.charAt(bdf.length() - 1), 16);
            String slot = bdf.substring(0, bdf.lastIndexOf(':') + 1);
            for (int i = 0; i < n; i++) {
                int fn = 2 + pfn * n + i; // functions after both PFs, per PF
                String vfBdf = slot + String.format("%02x.%d", fn / 8, fn % 8);
                vfs.add(new VfSpec(i, vfBdf, repName == null ? null : repName.apply(i), driver, 40 + pfn * 16 + i));
            }
            return this;
        }

        /** Puts VF {@code index} into IOMMU group {@code group} (to share it with something). */
        public PfSpec vfGroup(int index, int group) {
            VfSpec v = vfs.get(index);
            vfs.set(index, new VfSpec(v.index, v.bdf, v.rep, v.driver, group));
            return this;
        }

        void write(SnapshotWriter w, SnapshotBuilder b) {
            String dir = ROOT_PORT + "/" + bdf;
            pciFunction(w, bdf, "0x101f", "mlx5_core", iommuGroup);
            if (sriov) {
                w.file(dir + "/sriov_totalvfs", totalVfs + "\n");
                w.file(dir + "/sriov_numvfs", (numVfs != null ? numVfs : vfs.size()) + "\n");
                w.file(dir + "/sriov_offset", "2\n");
                w.file(dir + "/sriov_stride", "1\n");
                w.file(dir + "/sriov_vf_device", "0x101e\n");
            }
            netdev(w, dir, netdev, mac, port, switchId, mtu, carrier);
            for (VfSpec v : vfs) {
                String vdir = ROOT_PORT + "/" + v.bdf;
                pciFunction(w, v.bdf, "0x101e", v.driver, v.group);
                w.link(dir + "/virtfn" + v.index, "../" + v.bdf);
                w.link(vdir + "/physfn", "../" + bdf);
                if (v.rep != null) netdev(w, dir, v.rep, String.format("9e:f3:7d:50:bb:%02x", v.index), "pf" + port.substring(1) + "vf" + v.index, switchId, mtu, "1");
                if ("mlx5_core".equals(v.driver)) netdev(w, vdir, netdev.replaceAll("np\\d+$", "") + "v" + v.index, String.format("c4:70:ff:ff:ff:e%d", v.index), null, null, 1500, "0");
            }
            String dl = "{\"dev\":{\"pci/" + bdf + "\":{\"mode\":\"" + eswitch + "\",\"inline-mode\":\"none\",\"encap-mode\":\"basic\"}}}\n";
            b.commands.putIfAbsent(CommandCatalog.devlinkEswitchShow(bdf), new CommandResult(CommandCatalog.devlinkEswitchShow(bdf), 0, dl, ""));
        }

        private static void pciFunction(SnapshotWriter w, String bdf, String device, String driver, int group) {
            String dir = ROOT_PORT + "/" + bdf;
            w.file(dir + "/vendor", "0x15b3\n");
            w.file(dir + "/device", device + "\n");
            w.file(dir + "/class", "0x020000\n");
            w.file(dir + "/subsystem_vendor", "0x15b3\n");
            w.file(dir + "/subsystem_device", "0x0020\n");
            w.file(dir + "/numa_node", "0\n");
            w.link("/sys/bus/pci/devices/" + bdf, "../../../devices/pci0000:80/0000:80:01.1/" + bdf);
            if (driver != null) w.link(dir + "/driver", "../../../../bus/pci/drivers/" + driver);
            w.link(dir + "/iommu_group", "../../../../kernel/iommu_groups/" + group);
            w.link("/sys/kernel/iommu_groups/" + group + "/devices/" + bdf, "../../../../devices/pci0000:80/0000:80:01.1/" + bdf);
        }

        private static void netdev(SnapshotWriter w, String pciDir, String name, String mac, String port, String switchId, int mtu, String carrier) {
            String nd = pciDir + "/net/" + name;
            w.file(nd + "/address", mac + "\n");
            w.file(nd + "/mtu", mtu + "\n");
            w.file(nd + "/operstate", "1".equals(carrier) ? "up\n" : "down\n");
            w.file(nd + "/carrier", carrier + "\n");
            w.file(nd + "/phys_port_name", (port == null ? "" : port) + "\n");
            if (switchId != null) w.file(nd + "/phys_switch_id", switchId + "\n");
            w.file(nd + "/name_assign_type", "4\n");
            w.link("/sys/class/net/" + name, "../../devices/pci0000:80/0000:80:01.1/" + pciDir.substring(ROOT_PORT.length() + 1) + "/net/" + name);
        }
    }

    record VfSpec(int index, String bdf, String rep, String driver, int group) {
    }
}
