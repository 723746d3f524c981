package dev.sriovctl.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The simulated sysfs and procfs, computed from the kernel model and laid out as a real kernel
 * does: real directories under {@code /sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0}, relative
 * symlinks for {@code /sys/bus/pci/devices/X}, {@code /sys/class/net/N}, {@code driver},
 * {@code iommu_group}, {@code physfn}/{@code virtfnN}, representors in the PF's {@code net/} directory,
 * the mlx5 LAG in debugfs. Directories are computed lazily and dropped when the model changes, so a
 * host with a thousand representors costs only the paths actually read.
 */
final class SysfsTree {

    static final int MAX_LINK_HOPS = 40;

    /** A resolved path: its canonical form (symlinks replaced) and what is there. */
    record Resolved(String path, SysNode node) {
    }

    private final SimKernel k;
    private SysNode.Dir root;
    private long builtFor = -1;
    private Map<String, TreeSet<String>> deviceChildren;
    private Map<String, PciRef> devicesByPath;
    private Map<String, List<NetdevState>> netdevsByPci;

    SysfsTree(SimKernel k) {
        this.k = k;
    }

    SysNode.Dir root() {
        if (root == null || builtFor != k.version()) {
            builtFor = k.version();
            deviceChildren = null;
            devicesByPath = null;
            netdevsByPci = null;
            root = dir(m -> {
                m.put("sys", dir(this::sys));
                m.put("proc", dir(this::proc));
            });
        }
        return root;
    }

    // ---- resolution --------------------------------------------------------------------------

    /** Resolves like the kernel's path walk; null when missing (ENOENT), a loop, or through a file. */
    Resolved resolve(String path, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, path);
        List<String> cur = new ArrayList<>();
        List<SysNode> stack = new ArrayList<>();
        SysNode node = root();
        stack.add(node);
        int hops = 0;
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!cur.isEmpty()) {
                    cur.remove(cur.size() - 1);
                    stack.remove(stack.size() - 1);
                    node = stack.get(stack.size() - 1);
                }
                continue;
            }
            if (!(node instanceof SysNode.Dir d)) return null;
            SysNode child = d.entries().get(c);
            if (child == null) return null;
            if (child instanceof SysNode.Symlink l && (followLast || !pending.isEmpty())) {
                if (++hops > MAX_LINK_HOPS) return null;
                push(pending, l.target());
                continue;
            }
            cur.add(c);
            stack.add(child);
            node = child;
        }
        return new Resolved("/" + String.join("/", cur), node);
    }

    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) pending.push(parts[i]);
    }

    Optional<String> read(String path) {
        Resolved r = resolve(path, true);
        if (r == null || !(r.node() instanceof SysNode.Attr a)) return Optional.empty();
        return Optional.ofNullable(a.read().get());
    }

    List<String> list(String path) {
        Resolved r = resolve(path, true);
        if (r == null || !(r.node() instanceof SysNode.Dir d)) return List.of();
        return new ArrayList<>(new TreeSet<>(d.entries().keySet()));
    }

    Optional<String> readLink(String path) {
        Resolved r = resolve(path, false);
        if (r == null || !(r.node() instanceof SysNode.Symlink l)) return Optional.empty();
        return Optional.of(l.target());
    }

    /** Every entry below {@code top}, without following links (for the on-disk mirror and snapshots). */
    void walk(String top, BiConsumer<String, SysNode> visitor) {
        Resolved r = resolve(top, false);
        if (r == null) return;
        walk(r.path(), r.node(), visitor);
    }

    private void walk(String path, SysNode node, BiConsumer<String, SysNode> visitor) {
        visitor.accept(path, node);
        if (node instanceof SysNode.Dir d) {
            for (Map.Entry<String, SysNode> e : new TreeMap<>(d.entries()).entrySet()) {
                walk(path + "/" + e.getKey(), e.getValue(), visitor);
            }
        }
    }

    /**
     * The relative symlink target from directory {@code fromDir} to {@code to} (both absolute), as
     * kernfs_get_target_path builds it: up to the common ancestor of {@code fromDir} and the target's
     * parent, then down. A link to an ancestor therefore climbs past it ({@code device -> ../../../0000:81:00.0}).
     */
    static String relative(String fromDir, String to) {
        String[] a = fromDir.substring(1).split("/");
        String[] b = to.substring(1).split("/");
        int i = 0;
        while (i < a.length && i < b.length - 1 && a[i].equals(b[i])) i++;
        StringBuilder sb = new StringBuilder();
        for (int j = i; j < a.length; j++) sb.append("../");
        for (int j = i; j < b.length; j++) {
            sb.append(b[j]);
            if (j < b.length - 1) sb.append('/');
        }
        return sb.toString();
    }

    // ---- building blocks --------------------------------------------------------------------

    private interface Filler {
        void fill(Map<String, SysNode> m);
    }

    private static SysNode.Dir dir(Filler f) {
        return new SysNode.Dir(() -> {
            Map<String, SysNode> m = new HashMap<>();
            f.fill(m);
            return m;
        });
    }

    private static SysNode.Attr writable(String value, java.util.function.Consumer<String> write) {
        return new SysNode.Attr(() -> value, write);
    }

    private static SysNode.Attr writeOnly(java.util.function.Consumer<String> write) {
        return new SysNode.Attr(() -> null, write);
    }

    // ---- /proc ---------------------------------------------------------------------------------

    private void proc(Map<String, SysNode> m) {
        m.put("cmdline", SysNode.Attr.line(k.state.cmdline));
        m.put("mounts", new SysNode.Attr(this::mounts, null));
        m.put("sys", dir(s -> s.put("kernel", dir(kk -> {
            kk.put("hostname", SysNode.Attr.line(k.state.hostname));
            kk.put("osrelease", SysNode.Attr.line(k.state.kernelRelease));
        }))));
    }

    /** The mounts sriovctl looks at, in /proc/mounts' format (device, mount point, type, options, 0 0). */
    private String mounts() {
        StringBuilder sb = new StringBuilder();
        sb.append("sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n");
        sb.append("proc /proc proc rw,relatime 0 0\n");
        if (k.state.debugfsMounted) sb.append("debugfs /sys/kernel/debug debugfs rw,nosuid,nodev,noexec,relatime 0 0\n");
        return sb.toString();
    }

    // ---- /sys ----------------------------------------------------------------------------------

    private void sys(Map<String, SysNode> m) {
        m.put("bus", dir(b -> b.put("pci", dir(this::busPci))));
        m.put("class", dir(c -> c.put("net", dir(this::classNet))));
        m.put("devices", dir(d -> devicesDir("", d)));
        m.put("kernel", dir(this::kernel));
    }

    private void busPci(Map<String, SysNode> m) {
        m.put("devices", dir(d -> {
            for (PciRef r : k.pciDevices().values()) {
                d.put(r.pci(), new SysNode.Symlink(relative("/sys/bus/pci/devices", r.devicePath())));
            }
        }));
        m.put("drivers", dir(d -> {
            for (String drv : k.sriov.drivers()) d.put(drv, dir(x -> driverDir(drv, x)));
        }));
        m.put("drivers_probe", writeOnly(v -> k.sriov.probe(v)));
        m.put("drivers_autoprobe", SysNode.Attr.line(1));
    }

    private void driverDir(String drv, Map<String, SysNode> m) {
        m.put("bind", writeOnly(v -> k.sriov.bind(drv, v)));
        m.put("unbind", writeOnly(v -> k.sriov.unbind(drv, v)));
        m.put("new_id", writeOnly(v -> k.sriov.newId(drv, v)));
        m.put("remove_id", writeOnly(v -> {
            throw new KernelError(Errno.ENODEV);
        }));
        m.put("uevent", writeOnly(v -> {
        }));
        for (PciRef r : k.pciDevices().values()) {
            if (drv.equals(r.driver())) m.put(r.pci(), new SysNode.Symlink(relative("/sys/bus/pci/drivers/" + drv, r.devicePath())));
        }
    }

    private void classNet(Map<String, SysNode> m) {
        for (NetdevState nd : k.state.netdevs) m.put(nd.name, new SysNode.Symlink(relative("/sys/class/net", netdevPath(nd))));
    }

    String netdevPath(NetdevState nd) {
        if (nd.pci != null) {
            PciRef r = k.pci(nd.pci).orElse(null);
            if (r != null) return r.devicePath() + "/net/" + nd.name;
        }
        return "/sys/devices/virtual/net/" + nd.name;
    }

    private void kernel(Map<String, SysNode> m) {
        if (k.state.iommu) {
            m.put("iommu_groups", dir(g -> {
                for (Map.Entry<Integer, TreeSet<String>> e : IommuGroups.byGroup(k.state).entrySet()) {
                    String groupDir = "/sys/kernel/iommu_groups/" + e.getKey();
                    g.put(String.valueOf(e.getKey()), dir(x -> {
                        x.put("type", SysNode.Attr.line("DMA-FQ"));
                        x.put("reserved_regions", SysNode.Attr.of("0x00000000fee00000 0x00000000feefffff msi\n"));
                        x.put("devices", dir(ds -> {
                            for (String pci : e.getValue()) {
                                k.pci(pci).ifPresent(r -> ds.put(pci, new SysNode.Symlink(relative(groupDir + "/devices", r.devicePath()))));
                            }
                        }));
                    }));
                }
            }));
        }
        m.put("debug", dir(d -> {
            if (k.state.debugfsMounted) d.put("mlx5", dir(this::debugMlx5));
        }));
    }

    /**
     * debugfs {@code mlx5/<pf>/lag/}: {@code state} always; the rest only while the LAG is active (EINVAL otherwise)
     * (lag/debugfs.c). Kernels before 5.19 have no lag directory (netplan's sriov_rebind reads it from 5.19 on).
     */
    private void debugMlx5(Map<String, SysNode> m) {
        for (CardState c : k.state.cards) {
            Profile p = SimKernel.profile(c);
            if (!p.mlx5()) continue;
            for (PfState pf : c.pfs) {
                if (!p.pfDriver().equals(pf.driver)) continue;
                String pci = SimKernel.pfPci(c, pf);
                m.put(pci, dir(x -> {
                    if (!p.lag() || !k.state.kernelAtLeast(5, 19)) return;
                    x.put("lag", dir(l -> {
                        LagState s = c.lag;
                        l.put("state", new SysNode.Attr(() -> (s.active ? "active" : "disabled") + "\n", null));
                        l.put("type", new SysNode.Attr(() -> s.active ? s.type + "\n" : null, null));
                        l.put("port_sel_mode", new SysNode.Attr(() -> s.active ? "queue_affinity\n" : null, null));
                        l.put("flags", new SysNode.Attr(() -> s.active ? "shared_fdb:" + (s.sharedFdb ? "on" : "off")
                                + "\nfdb_selection_mode:" + (s.sharedFdb ? "native" : "affinity") + "\n" : null, null));
                        l.put("mapping", new SysNode.Attr(() -> s.active ? "1:" + s.map1 + "\n2:" + s.map2 + "\n" : null, null));
                        l.put("members", new SysNode.Attr(() -> {
                            StringBuilder sb = new StringBuilder();
                            for (PfState q : c.pfs) sb.append(SimKernel.pfPci(c, q)).append('\n');
                            return sb.toString();
                        }, null));
                    }));
                }));
            }
        }
    }

    // ---- /sys/devices --------------------------------------------------------------------------

    private Map<String, TreeSet<String>> deviceChildren() {
        if (deviceChildren == null) {
            Map<String, TreeSet<String>> m = new HashMap<>();
            Map<String, PciRef> byPath = new HashMap<>();
            for (PciRef r : k.pciDevices().values()) {
                String rel = r.parent() + "/" + r.pci();
                byPath.put(rel, r);
                String[] parts = rel.split("/");
                String prefix = "";
                for (String part : parts) {
                    m.computeIfAbsent(prefix, x -> new TreeSet<>()).add(part);
                    prefix = prefix.isEmpty() ? part : prefix + "/" + part;
                }
            }
            deviceChildren = m;
            devicesByPath = byPath;
        }
        return deviceChildren;
    }

    /** A directory below /sys/devices: a PCI device's attributes, and the devices below it. */
    private void devicesDir(String rel, Map<String, SysNode> m) {
        if (rel.isEmpty()) m.put("virtual", dir(v -> v.put("net", dir(this::virtualNet))));
        for (String child : deviceChildren().getOrDefault(rel, new TreeSet<>())) {
            String childRel = rel.isEmpty() ? child : rel + "/" + child;
            m.put(child, dir(x -> devicesDir(childRel, x)));
        }
        PciRef r = devicesByPath.get(rel);
        if (r != null) pciDevice(r, m);
    }

    private void virtualNet(Map<String, SysNode> m) {
        for (NetdevState nd : k.state.netdevs) {
            if (nd.pci == null) m.put(nd.name, dir(x -> netdev(nd, x)));
        }
    }

    private void pciDevice(PciRef r, Map<String, SysNode> m) {
        String path = r.devicePath();
        String vendor = Sriov.vendor(r);
        String device = Sriov.device(r);
        String subVendor;
        String subDevice;
        String cls;
        if (r.isPlatform()) {
            subVendor = r.platform().subsystemVendor();
            subDevice = r.platform().subsystemDevice();
            cls = r.platform().pciClass();
        } else {
            Profile p = SimKernel.profile(r.card());
            subVendor = p.subsystemVendor();
            subDevice = p.subsystemDevice();
            cls = "020000";
        }
        m.put("vendor", SysNode.Attr.line("0x" + vendor));
        m.put("device", SysNode.Attr.line("0x" + device));
        m.put("subsystem_vendor", SysNode.Attr.line("0x" + subVendor));
        m.put("subsystem_device", SysNode.Attr.line("0x" + subDevice));
        m.put("class", SysNode.Attr.line("0x" + cls));
        m.put("revision", SysNode.Attr.line("0x00"));
        m.put("numa_node", SysNode.Attr.line(0));
        m.put("enable", new SysNode.Attr(() -> (r.driver() != null ? "1" : "0") + "\n", null));
        m.put("irq", SysNode.Attr.line(0));
        m.put("local_cpulist", SysNode.Attr.line("0-15"));
        m.put("msi_bus", SysNode.Attr.line(1));
        m.put("uevent", new SysNode.Attr(() -> uevent(r, vendor, device, subVendor, subDevice, cls), null));
        m.put("subsystem", new SysNode.Symlink(relative(path, "/sys/bus/pci")));
        if (r.driver() != null) m.put("driver", new SysNode.Symlink(relative(path, "/sys/bus/pci/drivers/" + r.driver())));
        int group = r.isPlatform() ? r.platform().iommuGroup() : r.isVf() ? r.vf().iommuGroup : r.pf().iommuGroup;
        if (k.state.iommu && group >= 0) {
            m.put("iommu_group", new SysNode.Symlink(relative(path, "/sys/kernel/iommu_groups/" + group)));
        }
        if (r.isPlatform()) {
            netDir(r, m);
            return;
        }
        m.put("driver_override", new SysNode.Attr(() -> (r.driverOverride() == null ? "(null)" : r.driverOverride()) + "\n",
                v -> k.sriov.setOverride(r, v)));
        if (r.isVf()) {
            m.put("physfn", new SysNode.Symlink(relative(path, k.pfRef(r.card(), r.pf()).devicePath())));
        } else {
            PfState pf = r.pf();
            Profile p = SimKernel.profile(r.card());
            m.put("sriov_totalvfs", SysNode.Attr.line(r.card().totalVfs));
            m.put("sriov_numvfs", new SysNode.Attr(() -> pf.numVfs + "\n", v -> k.sriov.writeNumVfs(r, v)));
            m.put("sriov_offset", SysNode.Attr.line(SimKernel.vfOffset(r.card(), pf)));
            m.put("sriov_stride", SysNode.Attr.line(p.vfStride()));
            // "%x\n" (drivers/pci/iov.c sriov_vf_device_show): "101e", without 0x
            m.put("sriov_vf_device", SysNode.Attr.line(Integer.toHexString(Integer.parseInt(p.vfDevice(), 16))));
            m.put("sriov_drivers_autoprobe", new SysNode.Attr(() -> (pf.autoprobe ? 1 : 0) + "\n", v -> k.sriov.setAutoprobe(r, v)));
            for (VfState vf : pf.vfs) {
                String vfPci = SimKernel.vfPci(r.card(), pf, vf.index);
                m.put("virtfn" + vf.index, new SysNode.Symlink(relative(path, r.devicePath().replace("/" + r.pci(), "/" + vfPci))));
            }
        }
        netDir(r, m);
    }

    private static String uevent(PciRef r, String vendor, String device, String subVendor, String subDevice, String cls) {
        StringBuilder sb = new StringBuilder();
        if (r.driver() != null) sb.append("DRIVER=").append(r.driver()).append('\n');
        sb.append("PCI_CLASS=").append(cls.replaceFirst("^0+(?=.)", "").toUpperCase(java.util.Locale.ROOT)).append('\n');
        sb.append("PCI_ID=").append((vendor + ":" + device).toUpperCase(java.util.Locale.ROOT)).append('\n');
        sb.append("PCI_SUBSYS_ID=").append((subVendor + ":" + subDevice).toUpperCase(java.util.Locale.ROOT)).append('\n');
        sb.append("PCI_SLOT_NAME=").append(r.pci()).append('\n');
        sb.append("MODALIAS=pci:v0000").append(vendor.toUpperCase(java.util.Locale.ROOT))
                .append("d0000").append(device.toUpperCase(java.util.Locale.ROOT))
                .append("sv0000").append(subVendor.toUpperCase(java.util.Locale.ROOT))
                .append("sd0000").append(subDevice.toUpperCase(java.util.Locale.ROOT))
                .append("bc").append(cls, 0, 2).append("sc").append(cls, 2, 4).append("i").append(cls, 4, 6).append('\n');
        return sb.toString();
    }

    private void netDir(PciRef r, Map<String, SysNode> m) {
        if (netdevsByPci == null) {
            Map<String, List<NetdevState>> byPci = new HashMap<>();
            for (NetdevState nd : k.state.netdevs) if (nd.pci != null) byPci.computeIfAbsent(nd.pci, x -> new ArrayList<>()).add(nd);
            netdevsByPci = byPci;
        }
        List<NetdevState> here = netdevsByPci.getOrDefault(r.pci(), List.of());
        if (here.isEmpty()) return;
        m.put("net", dir(x -> {
            for (NetdevState nd : here) x.put(nd.name, dir(y -> netdev(nd, y)));
        }));
    }

    // ---- netdevs -------------------------------------------------------------------------------

    private void netdev(NetdevState nd, Map<String, SysNode> m) {
        String path = netdevPath(nd);
        m.put("address", new SysNode.Attr(() -> nd.mac + "\n", null));
        m.put("addr_assign_type", SysNode.Attr.line(nd.kind == NetdevKind.PF || nd.kind == NetdevKind.PLATFORM ? 0 : 1));
        m.put("addr_len", SysNode.Attr.line(6));
        m.put("broadcast", SysNode.Attr.line(nd.kind == NetdevKind.LOOPBACK ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff"));
        m.put("carrier", new SysNode.Attr(() -> nd.up ? (k.carrier(nd) ? "1\n" : "0\n") : null, null));
        m.put("dev_id", SysNode.Attr.line("0x0"));
        m.put("dev_port", SysNode.Attr.line(0));
        m.put("dormant", SysNode.Attr.line(0));
        m.put("flags", new SysNode.Attr(() -> String.format("0x%x%n", flags(nd)), null));
        m.put("ifalias", SysNode.Attr.of("\n"));
        m.put("ifindex", SysNode.Attr.line(nd.ifindex));
        m.put("iflink", SysNode.Attr.line(nd.ifindex));
        m.put("link_mode", SysNode.Attr.line(0));
        m.put("mtu", new SysNode.Attr(() -> nd.mtu + "\n", v -> k.setMtu(nd.name, parseMtu(v))));
        m.put("name_assign_type", new SysNode.Attr(() -> nd.nameAssignType == 0 ? null : nd.nameAssignType + "\n", null));
        m.put("netdev_group", SysNode.Attr.line(0));
        m.put("operstate", new SysNode.Attr(() -> k.operstate(nd).toLowerCase(java.util.Locale.ROOT) + "\n", null));
        m.put("proto_down", SysNode.Attr.line(0));
        m.put("tx_queue_len", SysNode.Attr.line(nd.kind == NetdevKind.LOOPBACK ? 1000 : 1000));
        m.put("type", SysNode.Attr.line(nd.kind == NetdevKind.LOOPBACK ? 772 : 1));
        m.put("uevent", SysNode.Attr.of("INTERFACE=" + nd.name + "\nIFINDEX=" + nd.ifindex + "\n"));
        m.put("carrier_changes", SysNode.Attr.line(0));
        m.put("phys_port_name", new SysNode.Attr(() -> physPortName(nd) == null ? null : physPortName(nd) + "\n", null));
        m.put("phys_switch_id", new SysNode.Attr(() -> switchId(nd) == null ? null : switchId(nd) + "\n", null));
        m.put("speed", new SysNode.Attr(() -> speed(nd), null));
        m.put("duplex", new SysNode.Attr(() -> nd.pci == null || !nd.up ? null : k.carrier(nd) ? "full\n" : "unknown\n", null));
        m.put("subsystem", new SysNode.Symlink(relative(path, "/sys/class/net")));
        if (nd.pci != null) k.pci(nd.pci).ifPresent(r -> m.put("device", new SysNode.Symlink(relative(path, r.devicePath()))));
        if (nd.master != 0) {
            NetdevState master = k.netdev(nd.master);
            if (master != null) {
                m.put("master", new SysNode.Symlink(relative(path, netdevPath(master))));
                m.put("upper_" + master.name, new SysNode.Symlink(relative(path, netdevPath(master))));
            }
        }
        for (NetdevState s : k.state.netdevs) {
            if (s.master == nd.ifindex) m.put("lower_" + s.name, new SysNode.Symlink(relative(path, netdevPath(s))));
        }
        if (nd.kind == NetdevKind.BOND) m.put("bonding", dir(b -> bonding(nd, b)));
        if ("bond".equals(nd.slaveKind)) m.put("bonding_slave", dir(b -> bondingSlave(nd, b)));
    }

    private static int parseMtu(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new KernelError(Errno.EINVAL);
        }
    }

    private int flags(NetdevState nd) {
        int f = nd.kind == NetdevKind.LOOPBACK ? 0x8 : 0x1002;
        if (nd.up) f |= 0x1;
        if (nd.promiscuity > 0) f |= 0x100;
        if (nd.kind == NetdevKind.BOND) f |= 0x400;
        if ("bond".equals(nd.slaveKind)) f |= 0x800;
        return f;
    }

    String physPortName(NetdevState nd) {
        if (nd.kind == NetdevKind.PF) {
            PciRef r = k.pfOf(nd);
            return r == null ? null : "p" + r.pf().function;
        }
        if (nd.kind == NetdevKind.REP) {
            PciRef r = k.pci(nd.pci).orElse(null);
            return r == null ? null : "pf" + r.pf().function + "vf" + nd.vf;
        }
        return null;
    }

    String switchId(NetdevState nd) {
        if (nd.kind != NetdevKind.PF && nd.kind != NetdevKind.REP) return null;
        return k.pci(nd.pci).map(r -> r.card().switchId).orElse(null);
    }

    private String speed(NetdevState nd) {
        if (!nd.up) return null;
        if (nd.kind == NetdevKind.PF) {
            PciRef r = k.pfOf(nd);
            return (k.carrier(nd) && r != null ? SimKernel.profile(r.card()).speedMbps() : -1) + "\n";
        }
        if (nd.kind == NetdevKind.PLATFORM) return k.carrier(nd) ? "1000\n" : "-1\n";
        return null;
    }

    private static final String[] MODE_NUMBERS = {"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad",
            "balance-tlb", "balance-alb"};

    private void bonding(NetdevState bond, Map<String, SysNode> m) {
        Map<String, String> b = bond.bond;
        String mode = b.get("mode");
        m.put("mode", new SysNode.Attr(() -> mode + " " + java.util.Arrays.asList(MODE_NUMBERS).indexOf(mode) + "\n", null));
        m.put("slaves", new SysNode.Attr(() -> b.get("slaves") + "\n", null));
        m.put("miimon", new SysNode.Attr(() -> b.get("miimon") + "\n", null));
        m.put("updelay", new SysNode.Attr(() -> b.get("updelay") + "\n", null));
        m.put("downdelay", new SysNode.Attr(() -> b.get("downdelay") + "\n", null));
        String hash = b.get("xmit_hash_policy");
        m.put("xmit_hash_policy", SysNode.Attr.line(hash + " " + Bonding.HASH_POLICIES.indexOf(hash)));
        String rate = b.get("lacp_rate");
        m.put("lacp_rate", SysNode.Attr.line(rate + " " + (rate.equals("fast") ? 1 : 0)));
        m.put("active_slave", new SysNode.Attr(() -> b.get("active_slave") + "\n", null));
        m.put("mii_status", new SysNode.Attr(() -> (k.carrier(bond) ? "up" : "down") + "\n", null));
        if (mode.equals("802.3ad")) {
            // the far end is the simulator's switch, configured for LACP as for the OVS bonds (sim.ovs.Bonds): it is
            // the partner while a slave has carrier; the kernel shows zeros when no LACPDU comes (bond_3ad.c)
            m.put("ad_partner_mac", new SysNode.Attr(() -> (anySlaveCarrier(b) ? SWITCH_SYSTEM_MAC : "00:00:00:00:00:00") + "\n", null));
        }
    }

    /** The LACP system MAC of the simulated top-of-rack switch behind Linux 802.3ad bonds. */
    static final String SWITCH_SYSTEM_MAC = "0e:5c:00:00:00:01";

    private boolean anySlaveCarrier(Map<String, String> bond) {
        String slaves = bond.get("slaves");
        if (slaves == null || slaves.isBlank()) return false;
        for (String s : slaves.strip().split("\\s+")) {
            if (k.netdev(s).filter(k::carrier).isPresent()) return true;
        }
        return false;
    }

    private void bondingSlave(NetdevState slave, Map<String, SysNode> m) {
        NetdevState bond = k.netdev(slave.master);
        m.put("state", new SysNode.Attr(() -> (bond != null && k.bonding.txEnabled(bond, slave) ? "active" : "backup") + "\n", null));
        m.put("mii_status", new SysNode.Attr(() -> (k.carrier(slave) ? "up" : "down") + "\n", null));
        m.put("perm_hwaddr", SysNode.Attr.line(slave.mac));
        m.put("queue_id", SysNode.Attr.line(0));
    }
}
