package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.PciAddress;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;
import dev.sriovctl.observe.Vf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated twin of a captured host ({@code sim create --from SNAPSHOT}): the model is built from the
 * snapshot's inventory (NICs with a known profile, their PFs, VFs, e-switch modes, names, MACs, MTUs,
 * IOMMU groups, Linux bonds) and its other PCI devices, the kernel log is the captured {@code dmesg},
 * and the configuration files (udev rules, interfaces) are copied. NICs without a profile are kept as
 * plain PCI devices. The captured Open vSwitch outputs are kept for the Open vSwitch emulation under
 * the extension key {@code ovs-capture} ({@code {"<argv>": "<stdout>"}}), from which {@link OvsTwin} rebuilds
 * the twin's Open vSwitch.
 */
public final class SnapshotTwin {
    private SnapshotTwin() {
    }

    private static final Pattern STAMP = Pattern.compile("^\\[\\s*(\\d+)\\.(\\d{6})\\]");

    public static SimHost create(Path snapshot, Path out) {
        try (SnapshotHost snap = SnapshotHost.open(snapshot)) {
            Inventory inv = InventoryBuilder.build(snap);
            SimState s = new SimState();
            s.hostname = inv.hostname() != null ? inv.hostname() : "twin";
            String kernel = inv.kernel() != null ? inv.kernel() : snap.meta().kernel() != null ? snap.meta().kernel() : "6.8";
            SimBuilder.setKernel(s, kernel);
            s.systemd = s.kernelAtLeast(6, 11) ? 257 : 252;
            s.iommu = Boolean.TRUE.equals(inv.iommu().enabled());
            s.acs = true;
            s.cmdline = snap.read("/proc/cmdline").map(String::strip).orElse("BOOT_IMAGE=/boot/vmlinuz-" + s.kernelRelease);
            Set<String> onCards = new HashSet<>();
            Map<Nic, CardState> cards = new LinkedHashMap<>();
            for (Nic nic : inv.nics()) {
                Optional<Profile> profile = nic.vendorId() == null ? Optional.empty()
                        : Profiles.byDevice(nic.vendorId(), nic.deviceId(), nic.pfs().size());
                if (profile.isEmpty()) continue;
                CardState c = card(snap, nic, profile.get());
                s.cards.add(c);
                cards.put(nic, c);
                for (Pf pf : nic.pfs()) {
                    onCards.add(pf.pci());
                    for (Vf vf : pf.vfs()) onCards.add(vf.pci());
                }
            }
            Map<String, Integer> groups = new java.util.HashMap<>();
            for (String g : snap.list(SysfsLayout.IOMMU_GROUPS)) {
                for (String d : snap.list(SysfsLayout.IOMMU_GROUPS + "/" + g + "/devices")) groups.put(d, intOr(g));
            }
            for (String bdf : snap.list(SysfsLayout.PCI_DEVICES)) {
                if (onCards.contains(bdf) || !PciAddress.isValid(bdf)) continue;
                platform(snap, bdf, groups.getOrDefault(bdf, -1)).ifPresent(s.platform::add);
            }
            SimHost host = SimHost.createEmpty(out, s);
            try {
                populate(host, snap, inv, cards);
                host.persist();
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
            return host;
        }
    }

    private static CardState card(SnapshotHost snap, Nic nic, Profile p) {
        Pf first = nic.pfs().get(0);
        CardState c = new CardState();
        c.profile = p.name();
        c.slot = nic.id();
        c.parent = parent(snap, first.pci()).orElse("pci0000:80/0000:80:03.1");
        c.mac = first.mac() != null ? first.mac() : SimBuilder.DEFAULT_MAC;
        c.switchId = first.switchId() != null ? first.switchId() : Ids.switchIdFromMac(c.mac);
        c.firmware = first.firmwareVersion() != null ? first.firmwareVersion() : p.firmware();
        c.totalVfs = first.totalVfs() != null ? first.totalVfs() : p.defaultTotalVfs();
        for (Pf pf : nic.pfs()) {
            PfState st = new PfState();
            st.function = PciAddress.parse(pf.pci()).function();
            st.driver = pf.driver();
            st.eswitch = pf.eswitchMode() == EswitchMode.SWITCHDEV ? "switchdev" : "legacy";
            st.inlineMode = pf.inlineMode() != null ? pf.inlineMode() : p.inlineMode();
            st.encapMode = pf.encapMode() != null ? pf.encapMode() : p.encapMode();
            st.iommuGroup = pf.iommuGroup() != null ? pf.iommuGroup() : -1;
            if (pf.sriovOffset() != null && pf.sriovOffset() != p.vfOffset(st.function, c.totalVfs)) st.vfOffset = pf.sriovOffset();
            for (Vf vf : pf.vfs()) {
                VfState v = new VfState();
                v.index = vf.index();
                v.driver = vf.driver();
                v.mac = vf.mac() != null ? vf.mac() : v.mac;
                v.vlan = vf.vlan() != null ? vf.vlan() : 0;
                v.trust = Boolean.TRUE.equals(vf.trust());
                v.spoofchk = vf.spoofchk() != null ? vf.spoofchk() : !p.mlx5();
                v.linkState = vf.linkState() != null ? vf.linkState() : "auto";
                v.maxTxRate = vf.maxTxRate() != null ? vf.maxTxRate() : 0;
                v.iommuGroup = vf.iommuGroup() != null ? vf.iommuGroup() : -1;
                st.vfs.add(v);
            }
            st.numVfs = st.vfs.size();
            c.pfs.add(st);
        }
        return c;
    }

    /** {@code pci0000:80/0000:80:03.1} from the device's link {@code ../../../devices/pci0000:80/0000:80:03.1/0000:81:00.0}. */
    private static Optional<String> parent(SnapshotHost snap, String bdf) {
        return snap.readLink(SysfsLayout.pciDevice(bdf)).map(t -> SimSnapshot.normalise("/sys/bus/pci/devices/" + t))
                .filter(t -> t.startsWith("/sys/devices/"))
                .map(t -> t.substring("/sys/devices/".length(), t.lastIndexOf('/')));
    }

    private static Optional<PlatformDevice> platform(SnapshotHost snap, String bdf, int iommuGroup) {
        Optional<String> parent = parent(snap, bdf);
        if (parent.isEmpty()) return Optional.empty();
        String dir = SysfsLayout.pciDevice(bdf);
        String vendor = hex(snap, dir + "/vendor", "ffff");
        String device = hex(snap, dir + "/device", "ffff");
        String cls = hex(snap, dir + "/class", "000000");
        String driver = snap.readLink(dir + "/driver").map(Udev::last).orElse(null);
        int group = snap.readLink(dir + "/iommu_group").map(Udev::last).map(SnapshotTwin::intOr).orElse(iommuGroup);
        List<String> net = snap.list(dir + "/net");
        return Optional.of(new PlatformDevice(bdf, parent.get(), vendor, device, hex(snap, dir + "/subsystem_vendor", vendor),
                hex(snap, dir + "/subsystem_device", "0000"), cls, driver, group, net.isEmpty() ? null : net.get(0)));
    }

    private static String hex(SnapshotHost snap, String path, String otherwise) {
        return snap.read(path).map(String::strip).filter(v -> v.startsWith("0x")).map(v -> v.substring(2).toLowerCase(java.util.Locale.ROOT))
                .orElse(otherwise);
    }

    private static int intOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Netdevs as captured (names kept, no udev renames), the captured log, the configuration files. */
    private static void populate(SimHost host, SnapshotHost snap, Inventory inv, Map<Nic, CardState> cards) {
        SimKernel k = host.kernel();
        importLog(host, snap);
        NetdevState lo = k.createNetdev(NetdevKind.LOOPBACK, null, "lo", "00:00:00:00:00:00", null, 0);
        lo.mtu = 65536;
        lo.minMtu = 0;
        lo.up = true;
        lo.qdisc = true;
        for (PlatformDevice d : host.state().platform) {
            if (d.netName() != null) captured(k, snap, NetdevKind.PLATFORM, d.pci(), d.netName(), d.driver(), 9216);
        }
        for (Map.Entry<Nic, CardState> e : cards.entrySet()) {
            CardState c = e.getValue();
            Profile p = SimKernel.profile(c);
            for (int i = 0; i < c.pfs.size(); i++) {
                PfState st = c.pfs.get(i);
                Pf pf = e.getKey().pfs().get(i);
                if (pf.netdev() != null) {
                    NetdevState nd = captured(k, snap, NetdevKind.PF, pf.pci(), pf.netdev(), p.pfDriver(), p.maxMtu());
                    nd.txQueues = p.numTxQueues();
                    nd.rxQueues = p.numRxQueues();
                    st.netdev = nd.ifindex;
                }
                for (int j = 0; j < st.vfs.size(); j++) {
                    Vf vf = pf.vfs().get(j);
                    VfState v = st.vfs.get(j);
                    if (vf.representor() != null) {
                        NetdevState rep = captured(k, snap, NetdevKind.REP, pf.pci(), vf.representor(), "mlx5e_rep", p.maxMtu());
                        rep.vf = v.index;
                        v.representor = rep.ifindex;
                    }
                    if (vf.netdev() != null) {
                        NetdevState nd = captured(k, snap, NetdevKind.VF, vf.pci(), vf.netdev(), p.vfDriver(), p.maxMtu());
                        nd.vf = v.index;
                        v.netdev = nd.ifindex;
                    }
                }
            }
        }
        k.uevents.clear();
        for (Bond b : inv.bonds()) {
            if (!"linux".equals(b.kind())) continue;
            List<String> members = new ArrayList<>();
            for (BondMember m : b.members()) if (k.netdev(m.name()).isPresent()) members.add(m.name());
            try {
                k.createBond(b.name(), b.mode(), Map.of(), members);
            } catch (KernelError ignored) {
                // a bond the twin cannot rebuild is left out; discovery of the twin shows it missing
            }
        }
        k.uevents.clear();
        for (String dir : CommandCatalog.CAPTURED_CONFIG_DIRS) {
            for (String n : snap.list(dir)) snap.readBytes(dir + "/" + n).ifPresent(b -> host.writeFile(dir + "/" + n, b, 0644));
        }
        for (String f : CommandCatalog.CAPTURED_CONFIG_FILES) snap.readBytes(f).ifPresent(b -> host.writeFile(f, b, 0644));
        ObjectNode ovs = JsonNodeFactory.instance.objectNode();
        for (List<String> argv : CommandCatalog.hostCommands()) {
            if (!argv.get(0).startsWith("ovs-")) continue;
            snap.run(argv).filter(CommandResult::ok).ifPresent(r -> ovs.put(String.join(" ", argv), r.stdout()));
        }
        for (String f : CommandCatalog.CAPTURED_LOG_FILES) snap.readBytes(f).ifPresent(b -> host.writeFile(f, b, 0640));
        if (!ovs.isEmpty()) {
            host.setExtension("ovs-capture", ovs);
            OvsTwin.seed(host, ovs);
        }
    }

    private static NetdevState captured(SimKernel k, SnapshotHost snap, NetdevKind kind, String pci, String name, String driver, int maxMtu) {
        String dir = SysfsLayout.netdev(name);
        String mac = snap.read(dir + "/address").map(String::strip).orElse(Ids.randomMac("twin/" + name));
        NetdevState nd = k.createNetdev(kind, pci, name, mac, driver, maxMtu);
        nd.nameAssignType = name.matches("eth\\d+") ? 1 : 4;
        snap.read(dir + "/mtu").map(String::strip).map(SnapshotTwin::intOr).filter(m -> m > 0).ifPresent(m -> nd.mtu = m);
        nd.up = snap.read(dir + "/operstate").map(String::strip).map(o -> o.equals("up") || o.equals("unknown")).orElse(false);
        nd.qdisc = nd.up;
        return nd;
    }

    /** The captured dmesg becomes the twin's kernel log; its clock continues after the last line. */
    private static void importLog(SimHost host, SnapshotHost snap) {
        Optional<CommandResult> dmesg = snap.run(CommandCatalog.dmesg()).filter(CommandResult::ok);
        if (dmesg.isEmpty()) return;
        SimState s = host.state();
        long last = 0;
        List<String> lines = dmesg.get().stdout().lines().toList();
        for (String l : lines) {
            Matcher m = STAMP.matcher(l);
            if (m.find()) last = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
        }
        s.clockMicros = Math.max(s.clockMicros, last + 1_000_000);
        host.kernel().log.importLines(lines);
    }
}
