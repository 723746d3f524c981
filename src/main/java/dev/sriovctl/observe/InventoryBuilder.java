package dev.sriovctl.observe;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link Inventory} of a host: sysfs first (PCI devices, netdevs, IOMMU groups), then
 * the canonical commands where sysfs has no answer (devlink for the e-switch mode, {@code ip -d -j link}
 * for VF settings and MTU limits, ovs-vsctl/ovs-appctl for Open vSwitch). Anything that cannot be
 * read is null in the result, with a warning naming its source.
 */
public final class InventoryBuilder {

    /** A representor's phys_port_name: {@code pf0vf3}, or {@code c1pf0vf3} with a controller. */
    static final Pattern REPRESENTOR_PORT = Pattern.compile("(?:c\\d+)?pf(\\d+)vf(\\d+)");
    private static final Pattern VIRTFN = Pattern.compile("virtfn(\\d+)");

    private final Host host;
    private final List<String> warnings = new ArrayList<>();
    private final SysfsReader sysfs;

    private InventoryBuilder(Host host) {
        this.host = host;
        this.sysfs = new SysfsReader(host, warnings);
    }

    public static Inventory build(Host host) {
        return new InventoryBuilder(host).build();
    }

    /**
     * A Linux bond's LACP state in OVS's words: 802.3ad with a partner (bond_3ad.c shows its system MAC in
     * {@code ad_partner_mac}, zeros until an LACPDU comes) is negotiated, without one configured; other modes run
     * no LACP (off); unknown when the file was not read.
     */
    static String linuxLacp(String mode, String partnerMac) {
        if (mode == null) return null;
        if (!mode.equals("802.3ad")) return "off";
        if (partnerMac == null) return null;
        return partnerMac.equals("00:00:00:00:00:00") ? "configured" : "negotiated";
    }

    /** The master device of every port of an OVS kernel datapath (ovs-vswitchd's {@code dpif-netlink}). */
    static final String OVS_DATAPATH = "ovs-system";

    private Inventory build() {
        String hostname = host.hostname().orElseGet(() -> sysfs.nonEmpty("/proc/sys/kernel/hostname"));
        String kernel = sysfs.nonEmpty("/proc/sys/kernel/osrelease");
        Map<String, ObservedLink> links = links();
        List<Nic> nics = nics(links);
        OvsState ovs = ovs();
        List<Bond> bonds = new ArrayList<>(ovsBonds(ovs));
        bonds.addAll(linuxBonds(links, ovs));
        return new Inventory(hostname, kernel, host.description(), iommu(), nics, ovs, bonds, warnings);
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Runs an observation command; empty when not available, with a warning when it failed. */
    private Optional<String> output(List<String> argv, String unknownWithout) {
        Optional<CommandResult> r = host.run(argv);
        if (r.isEmpty()) return Optional.empty();
        if (!r.get().ok()) {
            String err = r.get().stderr().strip();
            warnings.add(host.originOf(argv) + ": exit " + r.get().exitCode()
                    + (err.isEmpty() ? "" : " (" + SysfsReader.abbreviate(err.lines().findFirst().orElse("")) + ")")
                    + "; " + unknownWithout + " unknown");
            return Optional.empty();
        }
        return Optional.of(r.get().stdout());
    }

    /** Parses a command's output; a parse failure is a warning naming the command and position. */
    private <T> Optional<T> parsed(List<String> argv, String unknownWithout, Function<String, T> parser) {
        return output(argv, unknownWithout).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (ParseException e) {
                warnings.add(host.originOf(argv) + ": cannot read output"
                        + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "")
                        + ": " + e.getMessage() + "; " + unknownWithout + " unknown");
                return Optional.empty();
            }
        });
    }

    private Map<String, ObservedLink> links() {
        Map<String, ObservedLink> byName = new LinkedHashMap<>();
        parsed(CommandCatalog.ipLinkDetails(), "VF MAC/VLAN/trust/spoofchk and maximum MTUs", IpLinkJsonParser::parse)
                .ifPresent(list -> list.forEach(l -> byName.put(l.name(), l)));
        return byName;
    }

    // ---- PCI -----------------------------------------------------------------------------------

    private List<Nic> nics(Map<String, ObservedLink> links) {
        Map<String, List<Pf>> bySlot = new LinkedHashMap<>();
        for (String bdf : host.list(SysfsLayout.PCI_DEVICES)) {
            if (!PciAddress.isValid(bdf)) continue;
            String dir = SysfsLayout.pciDevice(bdf);
            if (host.readLink(dir + "/physfn").isPresent()) continue; // a VF: listed under its PF
            if (!isSriovNic(dir)) continue;
            Pf pf = pf(bdf, dir, links);
            bySlot.computeIfAbsent(PciAddress.parse(bdf).slot(), k -> new ArrayList<>()).add(pf);
        }
        List<Nic> nics = new ArrayList<>();
        for (Map.Entry<String, List<Pf>> e : bySlot.entrySet()) {
            List<Pf> pfs = new ArrayList<>(e.getValue());
            pfs.sort(Comparator.comparing(Pf::pci));
            Pf first = pfs.get(0);
            String family = DeviceNames.family(first.vendorId(), first.driver());
            boolean mlx5 = family.equals("mlx5");
            nics.add(new Nic(e.getKey(), DeviceNames.model(host, first.vendorId(), first.deviceId()),
                    first.vendorId(), first.deviceId(), family, mlx5, pfs, mlx5 ? lag(first.pci()) : null));
        }
        return nics;
    }

    /**
     * An SR-IOV capable network PF: it has {@code sriov_totalvfs}; an mlx5 Ethernet device without it
     * is kept too, because that is what firmware SRIOV_EN=False looks like (doctor: sriov-capable).
     */
    private boolean isSriovNic(String dir) {
        String cls = sysfs.text(dir + "/class");
        boolean network = cls != null && cls.startsWith("0x02");
        if (!network) return false;
        if (host.exists(dir + "/sriov_totalvfs")) return true;
        return "0x15b3".equals(sysfs.text(dir + "/vendor"));
    }

    private Pf pf(String bdf, String dir, Map<String, ObservedLink> links) {
        String vendor = sysfs.pciId(dir + "/vendor");
        String device = sysfs.pciId(dir + "/device");
        String subVendor = sysfs.pciId(dir + "/subsystem_vendor");
        String subDevice = sysfs.pciId(dir + "/subsystem_device");
        String driver = sysfs.linkName(dir + "/driver");

        // The PF netdev and, since kernel 5.8, its VFs' representors live under the PF's net/ dir.
        String pfNetdev = null;
        Map<Integer, String> repsByVf = new HashMap<>();
        int pfNum = PciAddress.parse(bdf).function();
        for (String name : host.list(dir + "/net")) {
            String port = sysfs.nonEmpty(SysfsLayout.netdev(name) + "/phys_port_name");
            Matcher m = port == null ? null : REPRESENTOR_PORT.matcher(port);
            if (m != null && m.matches()) {
                if (Integer.parseInt(m.group(1)) == pfNum) repsByVf.put(Integer.parseInt(m.group(2)), name);
            } else if (port == null || port.matches("p\\d+")) {
                if (pfNetdev == null) pfNetdev = name;
            }
        }
        String nd = pfNetdev == null ? null : SysfsLayout.netdev(pfNetdev);
        String switchId = nd == null ? null : sysfs.nonEmpty(nd + "/phys_switch_id");
        String portName = nd == null ? null : sysfs.nonEmpty(nd + "/phys_port_name");

        DevlinkEswitchParser.Eswitch eswitch = eswitch(bdf, nd);
        if (eswitch.mode() == EswitchMode.SWITCHDEV && repsByVf.isEmpty() && switchId != null) {
            repsByVf.putAll(representorsBySwitchId(switchId, pfNum));
        }
        ObservedLink link = pfNetdev == null ? null : links.get(pfNetdev);
        Map<Integer, ObservedLink.VfSettings> vfSettings = new HashMap<>();
        if (link != null) link.vfs().forEach(v -> vfSettings.put(v.vf(), v));

        List<Vf> vfs = vfs(dir, repsByVf, vfSettings);
        String firmware = pfNetdev == null ? null : firmwareVersion(pfNetdev);
        return new Pf(bdf, pfNetdev, driver, vendor, device, subsystem(subVendor, subDevice), switchId, portName,
                eswitch.mode(), eswitch.inlineMode(), eswitch.encapMode(),
                sysfs.integer(dir + "/sriov_totalvfs"), sysfs.integer(dir + "/sriov_numvfs"),
                sysfs.integer(dir + "/sriov_offset"), sysfs.integer(dir + "/sriov_stride"),
                sysfs.vfDeviceId(dir + "/sriov_vf_device"),
                nd == null ? null : sysfs.integer(nd + "/mtu"),
                link == null ? null : link.maxMtu(),
                nd == null ? null : sysfs.nonEmpty(nd + "/address"),
                nd == null ? null : sysfs.nonEmpty(nd + "/operstate"),
                link == null ? null : link.master(),
                sysfs.linkNumber(dir + "/iommu_group"),
                sysfs.integer(dir + "/numa_node"),
                firmware, vfs);
    }

    private static String subsystem(String vendor, String device) {
        return vendor == null || device == null ? null : vendor + ":" + device;
    }

    /** devlink first; NVIDIA's out-of-tree driver also has {@code compat/devlink/mode}. */
    private DevlinkEswitchParser.Eswitch eswitch(String bdf, String netdevDir) {
        List<String> argv = CommandCatalog.devlinkEswitchShow(bdf);
        Optional<List<DevlinkEswitchParser.Eswitch>> parsed = parsed(argv, "e-switch mode", DevlinkEswitchParser::parse);
        if (parsed.isPresent()) {
            for (DevlinkEswitchParser.Eswitch e : parsed.get()) {
                if (e.device().equals("pci/" + bdf)) return e;
            }
        }
        String compat = netdevDir == null ? null : sysfs.nonEmpty(netdevDir + "/compat/devlink/mode");
        return new DevlinkEswitchParser.Eswitch("pci/" + bdf, EswitchMode.of(compat), null, null);
    }

    /** Before kernel 5.8 representors were not under the PF's net/ dir: find them by switch id. */
    private Map<Integer, String> representorsBySwitchId(String switchId, int pfNum) {
        Map<Integer, String> reps = new HashMap<>();
        for (String name : host.list(SysfsLayout.CLASS_NET)) {
            String nd = SysfsLayout.netdev(name);
            if (!switchId.equals(sysfs.nonEmpty(nd + "/phys_switch_id"))) continue;
            String port = sysfs.nonEmpty(nd + "/phys_port_name");
            Matcher m = port == null ? null : REPRESENTOR_PORT.matcher(port);
            if (m != null && m.matches() && Integer.parseInt(m.group(1)) == pfNum) reps.put(Integer.parseInt(m.group(2)), name);
        }
        return reps;
    }

    private List<Vf> vfs(String pfDir, Map<Integer, String> reps, Map<Integer, ObservedLink.VfSettings> settings) {
        List<Vf> vfs = new ArrayList<>();
        for (String entry : host.list(pfDir)) {
            Matcher m = VIRTFN.matcher(entry);
            if (!m.matches()) continue;
            int index = Integer.parseInt(m.group(1));
            String vfPci = sysfs.linkName(pfDir + "/" + entry);
            if (vfPci == null || !PciAddress.isValid(vfPci)) {
                warnings.add(host.originOfFile(pfDir + "/" + entry) + ": not a link to a PCI device; VF " + index + " skipped");
                continue;
            }
            String dir = SysfsLayout.pciDevice(vfPci);
            List<String> netdevs = host.list(dir + "/net");
            Integer group = sysfs.linkNumber(dir + "/iommu_group");
            ObservedLink.VfSettings s = settings.get(index);
            String mac = s == null ? null : s.mac();
            vfs.add(new Vf(index, vfPci, sysfs.pciId(dir + "/vendor"), sysfs.pciId(dir + "/device"),
                    subsystem(sysfs.pciId(dir + "/subsystem_vendor"), sysfs.pciId(dir + "/subsystem_device")),
                    sysfs.linkName(dir + "/driver"),
                    netdevs.isEmpty() ? null : netdevs.get(0),
                    reps.get(index),
                    mac,
                    s == null ? null : s.vlan(),
                    s == null ? null : s.trust(),
                    s == null ? null : s.spoofchk(),
                    s == null ? null : s.linkState(),
                    s == null ? null : s.maxTxRate(),
                    group,
                    group == null ? List.of() : iommuPeers(group, vfPci)));
        }
        vfs.sort(Comparator.comparingInt(Vf::index));
        return vfs;
    }

    private List<String> iommuPeers(int group, String self) {
        return host.list(SysfsLayout.IOMMU_GROUPS + "/" + group + "/devices").stream()
                .filter(d -> !d.equals(self)).toList();
    }

    private String firmwareVersion(String netdev) {
        return output(CommandCatalog.ethtoolInfo(netdev), "firmware version").flatMap(text -> text.lines()
                .filter(l -> l.startsWith("firmware-version:"))
                .map(l -> l.substring("firmware-version:".length()).strip())
                .filter(v -> !v.isEmpty())
                .findFirst()).orElse(null);
    }

    private Lag lag(String pfPci) {
        String dir = SysfsLayout.MLX5_DEBUGFS + "/" + pfPci + "/lag";
        String state = sysfs.nonEmpty(dir + "/state");
        if (state == null) return null;
        String flags = sysfs.text(dir + "/flags");
        Boolean sharedFdb = null;
        if (flags != null) {
            Matcher m = Pattern.compile("shared_fdb:(on|off|1|0)").matcher(flags);
            if (m.find()) sharedFdb = m.group(1).equals("on") || m.group(1).equals("1");
        }
        return new Lag(state, sysfs.nonEmpty(dir + "/type"), sharedFdb, sysfs.nonEmpty(dir + "/port_sel_mode"),
                host.originOfFile(dir));
    }

    private Iommu iommu() {
        if (!host.isDirectory(SysfsLayout.IOMMU_GROUPS)) return new Iommu(null, null);
        int groups = host.list(SysfsLayout.IOMMU_GROUPS).size();
        return new Iommu(groups > 0, groups);
    }

    // ---- Open vSwitch --------------------------------------------------------------------------

    private OvsState ovs() {
        List<String> ovArgv = CommandCatalog.ovsList("Open_vSwitch");
        Optional<CommandResult> probe = host.run(ovArgv);
        if (probe.isEmpty()) return OvsState.unknown();
        if (!probe.get().ok()) {
            return new OvsState(false, null, Map.of(), Map.of(), List.of());
        }
        Optional<List<OvsdbTableParser.Row>> root = parsed(ovArgv, "Open vSwitch settings", OvsdbTableParser::parse);
        List<OvsdbTableParser.Row> bridges = parsed(CommandCatalog.ovsList("Bridge"), "OVS bridges", OvsdbTableParser::parse).orElse(List.of());
        List<OvsdbTableParser.Row> ports = parsed(CommandCatalog.ovsList("Port"), "OVS ports", OvsdbTableParser::parse).orElse(List.of());
        List<OvsdbTableParser.Row> ifaces = parsed(CommandCatalog.ovsList("Interface"), "OVS interfaces", OvsdbTableParser::parse).orElse(List.of());
        Map<String, OvsdbTableParser.Row> portByUuid = byUuid(ports);
        Map<String, OvsdbTableParser.Row> ifaceByUuid = byUuid(ifaces);
        List<OvsBridge> out = new ArrayList<>();
        for (OvsdbTableParser.Row b : bridges) {
            List<OvsPort> bridgePorts = new ArrayList<>();
            for (String pu : b.set("ports")) {
                OvsdbTableParser.Row p = portByUuid.get(pu);
                if (p == null) continue;
                List<OvsInterface> pi = new ArrayList<>();
                for (String iu : p.set("interfaces")) {
                    OvsdbTableParser.Row i = ifaceByUuid.get(iu);
                    if (i == null) continue;
                    pi.add(new OvsInterface(i.string("name"), i.string("type"), i.integer("mtu"), i.integer("mtu_request"),
                            i.string("link_state"), i.string("admin_state"), i.string("error")));
                }
                pi.sort(Comparator.comparing(OvsInterface::name));
                bridgePorts.add(new OvsPort(p.string("name"), pi, p.string("bond_mode"), p.string("lacp"), p.integer("tag"),
                        p.map("other_config"), p.map("external_ids")));
            }
            bridgePorts.sort(Comparator.comparing(OvsPort::name));
            out.add(new OvsBridge(b.string("name"), b.string("datapath_type"), b.map("other_config"), b.map("external_ids"), bridgePorts));
        }
        out.sort(Comparator.comparing(OvsBridge::name));
        OvsdbTableParser.Row ov = root.filter(r -> !r.isEmpty()).map(r -> r.get(0)).orElse(null);
        return new OvsState(true, ov == null ? null : ov.string("ovs_version"), ov == null ? Map.of() : ov.map("other_config"),
                ov == null ? Map.of() : ov.map("external_ids"), out);
    }

    private static Map<String, OvsdbTableParser.Row> byUuid(List<OvsdbTableParser.Row> rows) {
        Map<String, OvsdbTableParser.Row> m = new HashMap<>();
        for (OvsdbTableParser.Row r : rows) m.put(r.string("_uuid"), r);
        return m;
    }

    private List<Bond> ovsBonds(OvsState ovs) {
        if (!Boolean.TRUE.equals(ovs.running())) return List.of();
        Map<String, OvsBondShowParser.BondStatus> show = new HashMap<>();
        parsed(CommandCatalog.ovsBondShow(), "bond member states", OvsBondShowParser::parse)
                .ifPresent(l -> l.forEach(b -> show.put(b.name(), b)));
        Map<String, OvsLacpShowParser.LacpStatus> lacp = new HashMap<>();
        parsed(CommandCatalog.ovsLacpShow(), "LACP states", OvsLacpShowParser::parse)
                .ifPresent(l -> l.forEach(b -> lacp.put(b.bond(), b)));
        List<Bond> bonds = new ArrayList<>();
        for (OvsBridge br : ovs.bridges()) {
            for (OvsPort p : br.ports()) {
                if (!p.isBond()) continue;
                OvsBondShowParser.BondStatus s = show.get(p.name());
                OvsLacpShowParser.LacpStatus l = lacp.get(p.name());
                List<BondMember> members = new ArrayList<>();
                for (OvsInterface i : p.interfaces()) {
                    OvsBondShowParser.Member sm = s == null ? null
                            : s.members().stream().filter(m -> m.name().equals(i.name())).findFirst().orElse(null);
                    OvsLacpShowParser.Member lm = l == null ? null
                            : l.members().stream().filter(m -> m.name().equals(i.name())).findFirst().orElse(null);
                    members.add(new BondMember(i.name(), sm == null ? null : sm.enabled(),
                            sm == null ? null : sm.active(), lm == null ? null : lm.state()));
                }
                String lacpStatus = s != null && s.lacpStatus() != null ? s.lacpStatus()
                        : l != null ? (l.negotiated() ? "negotiated" : "configured") : null;
                Boolean fallback = s != null && s.lacpFallbackAb() != null ? s.lacpFallbackAb()
                        : p.otherConfig().containsKey("lacp-fallback-ab") ? Boolean.valueOf(p.otherConfig().get("lacp-fallback-ab")) : null;
                String lacpTime = l != null && l.lacpTime() != null ? l.lacpTime() : p.otherConfig().get("lacp-time");
                bonds.add(new Bond(p.name(), "ovs", br.name(), s != null && s.mode() != null ? s.mode() : p.bondMode(),
                        members, lacpStatus, fallback, s == null ? null : s.mayUseRecirculation(), lacpTime));
            }
        }
        return bonds;
    }

    /**
     * Linux bonding masters (VF-LAG uses one): from {@code <netdev>/bonding/} in sysfs. The bridge is the OVS bridge
     * that has the bond as a port; the sysfs master of any OVS port is the datapath device {@code ovs-system}, which
     * names no bridge. A Linux bridge as master is the bridge itself.
     */
    private List<Bond> linuxBonds(Map<String, ObservedLink> links, OvsState ovs) {
        List<Bond> bonds = new ArrayList<>();
        for (String name : host.list(SysfsLayout.CLASS_NET)) {
            String dir = SysfsLayout.netdev(name) + "/bonding";
            String slaves = sysfs.text(dir + "/slaves");
            if (slaves == null) continue;
            String mode = sysfs.nonEmpty(dir + "/mode");
            if (mode != null && mode.contains(" ")) mode = mode.substring(0, mode.indexOf(' ')); // "802.3ad 4"
            String active = sysfs.nonEmpty(dir + "/active_slave");
            List<BondMember> members = new ArrayList<>();
            for (String s : slaves.isBlank() ? new String[0] : slaves.strip().split("\\s+")) {
                String carrier = sysfs.text(SysfsLayout.netdev(s) + "/carrier");
                Boolean up = carrier == null ? null : carrier.equals("1");
                members.add(new BondMember(s, up, active == null ? null : active.equals(s), null));
            }
            ObservedLink link = links.get(name);
            String lacpRate = sysfs.nonEmpty(dir + "/lacp_rate");
            if (lacpRate != null && lacpRate.contains(" ")) lacpRate = lacpRate.substring(0, lacpRate.indexOf(' '));
            String master = link == null ? null : link.master();
            String bridge = ovs.bridgeOf(name).map(OvsBridge::name)
                    .orElse(OVS_DATAPATH.equals(master) ? null : master);
            bonds.add(new Bond(name, "linux", bridge, mode, members, linuxLacp(mode, sysfs.nonEmpty(dir + "/ad_partner_mac")), null, null, lacpRate));
        }
        return bonds;
    }
}
