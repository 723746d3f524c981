package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a well-formed spec against a host's inventory and changes nothing. Every problem is
 * reported, each at the value it is about, with what would be valid. Rules that need to know
 * what the plan changes (the management bridge warning) are the planner's.
 */
public final class SpecValidator {

    private final SpecDocument doc;
    private final Spec spec;
    private final Inventory inventory;
    private final SpecReferences refs;
    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecValidator(SpecDocument doc, Inventory inventory) {
        this.doc = doc;
        this.spec = doc.spec();
        this.inventory = inventory;
        this.refs = new SpecReferences(spec, inventory);
    }

    public static List<SpecProblem> validate(SpecDocument doc, Inventory inventory) {
        SpecValidator v = new SpecValidator(doc, inventory);
        v.run();
        List<SpecProblem> out = new ArrayList<>(v.problems);
        out.sort(SpecLoader::byPosition);
        return out;
    }

    private void error(String path, String message, String hint) {
        problems.add(doc.problem(Severity.ERROR, path, message, hint));
    }

    private void warning(String path, String message, String hint) {
        problems.add(doc.problem(Severity.WARNING, path, message, hint));
    }

    private void run() {
        ports();
        names();
        bridges();
        mappings();
    }

    // ---- NICs and ports ------------------------------------------------------------------------

    private void ports() {
        Map<String, String> macs = new HashMap<>();
        Map<String, String> seen = new HashMap<>(); // by PF PCI address
        Map<String, String> nicCards = new LinkedHashMap<>();
        for (SpecReferences.PortRef ref : refs.ports()) {
            String path = ref.path();
            PortSpec port = ref.port();
            if (port.pf() == null) continue;
            if (ref.pf() == null) {
                error(path + ".pf", "unknown PF '" + port.pf() + "': this host has no SR-IOV PF of that name or PCI address",
                        "valid: " + refs.knownPfs());
                continue;
            }
            Pf pf = ref.pf();
            String before = seen.putIfAbsent(pf.pci(), path);
            if (before != null) {
                error(path + ".pf", "PF " + label(pf) + " is already listed at " + doc.sources().location(before + ".pf"),
                        "list each PF once");
                continue;
            }
            String nicName = ref.nic().name();
            if (ref.card() != null && nicName != null) {
                String other = nicCards.putIfAbsent(nicName, ref.card().id());
                if (other != null && !other.equals(ref.card().id())) {
                    error(path + ".pf", "PF " + label(pf) + " is on card " + ref.card().id() + ", but NIC '" + nicName
                            + "' already has a port on card " + other, "give each physical card its own entry under nics");
                }
            }
            if (ref.card() != null && !ref.card().supported() && (port.eswitch() == EswitchMode.SWITCHDEV || port.vfs() > 0)) {
                error(path + ".pf", "PF " + label(pf) + " is on card " + ref.card().id() + " (" + ref.card().model() + ", driver " + ref.card().family()
                                + "); sriovctl configures SR-IOV and switchdev on NVIDIA/Mellanox mlx5 cards only",
                        "remove this port, or manage it by hand");
            }
            totalVfs(path, pf, port);
            mtu(path + ".mtu", port.mtu(), List.of(pf), "PF mtu");
            vfSettings(path, ref);
            for (int i = 0; i < port.vfSettings().size(); i++) {
                String mac = port.vfSettings().get(i).mac();
                String at = path + ".vf-settings[" + i + "].mac";
                String before2 = mac == null ? null : macs.putIfAbsent(mac, at);
                if (before2 != null) {
                    error(at, "MAC " + mac + " is already given to another VF at " + doc.sources().location(before2),
                            "every VF needs its own MAC address");
                }
            }
        }
    }

    /** sriov_totalvfs is the firmware's NUM_OF_VFS; more needs mstconfig and a reboot (DESIGN section 2). */
    private void totalVfs(String path, Pf pf, PortSpec port) {
        Integer total = pf.totalVfs();
        if (port.vfs() == 0 || (total != null && port.vfs() <= total)) return;
        String fw = "mstconfig -d " + pf.pci() + " set SRIOV_EN=1 NUM_OF_VFS=" + port.vfs();
        if (total == null || total == 0) {
            error(path + ".vfs", port.vfs() + " VFs requested, but PF " + label(pf)
                            + " offers no VFs (sriov_totalvfs is " + (total == null ? "absent" : "0") + ": SR-IOV is off in the NIC firmware)",
                    "enable SR-IOV in the firmware, then reboot (sriovctl never reboots):\n  " + fw
                            + "\nand check that SR-IOV is enabled in the BIOS");
        } else {
            error(path + ".vfs", port.vfs() + " VFs requested, but PF " + label(pf) + " offers at most " + total
                            + " (sriov_totalvfs, the firmware's NUM_OF_VFS)",
                    "valid: 0 to " + total + "; or raise the firmware limit, then reboot (sriovctl never reboots):\n  " + fw);
        }
    }

    private void mtu(String path, Integer mtu, List<Pf> pfs, String what) {
        if (mtu == null) return;
        for (Pf pf : pfs) {
            if (pf.maxMtu() != null && mtu > pf.maxMtu()) {
                error(path, what + " " + mtu + " is above the maximum MTU " + pf.maxMtu() + " of PF " + label(pf),
                        "valid: up to " + pf.maxMtu() + " (maxmtu in 'ip -d link show " + (pf.netdev() == null ? pf.pci() : pf.netdev()) + "')");
                return;
            }
        }
    }

    /**
     * Per-VF settings. In switchdev mode mlx5 refuses trust and spoofchk (and a VLAN) on the VF:
     * esw/legacy.c returns EOPNOTSUPP unless the e-switch is legacy, so a VLAN becomes the tag of
     * the representor's OVS port instead, and trust/spoofchk are not settable.
     */
    private void vfSettings(String path, SpecReferences.PortRef ref) {
        PortSpec port = ref.port();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < port.vfSettings().size(); i++) {
            VfSpec v = port.vfSettings().get(i);
            String at = path + ".vf-settings[" + i + "]";
            if (v.vf() >= port.vfs()) {
                error(at + ".vf", "VF " + v.vf() + " does not exist: this port has " + port.vfs() + " VF" + (port.vfs() == 1 ? "" : "s"),
                        port.vfs() == 0 ? "raise 'vfs' first" : "valid: 0 to " + (port.vfs() - 1));
            }
            Integer before = seen.putIfAbsent(v.vf(), i);
            if (before != null) {
                error(at + ".vf", "VF " + v.vf() + " already has settings at " + doc.sources().location(path + ".vf-settings[" + before + "]"),
                        "give each VF one entry");
            }
            if (port.eswitch() == EswitchMode.SWITCHDEV) {
                if (v.trust() != null) {
                    error(at + ".trust", "trust cannot be set on a VF in switchdev mode",
                            "mlx5 refuses it outside legacy mode (EOPNOTSUPP); in switchdev, Open vSwitch flows decide what the VF may send.\nremove 'trust', or use eswitch: legacy");
                }
                if (v.spoofchk() != null) {
                    error(at + ".spoofchk", "spoofchk cannot be set on a VF in switchdev mode",
                            "mlx5 refuses it outside legacy mode (EOPNOTSUPP); in switchdev, Open vSwitch flows decide what the VF may send.\nremove 'spoofchk', or use eswitch: legacy");
                }
            }
        }
    }

    // ---- names ---------------------------------------------------------------------------------

    /** Every netdev name sriovctl will create or use must be unique and at most 15 characters. */
    private void names() {
        Map<String, String> nicNames = new HashMap<>();
        for (int n = 0; n < spec.nics().size(); n++) {
            String name = spec.nics().get(n).name();
            if (name == null) continue;
            String before = nicNames.putIfAbsent(name, "nics[" + n + "].name");
            if (before != null) {
                error("nics[" + n + "].name", "NIC name '" + name + "' is already used at " + doc.sources().location(before), "give each NIC its own name");
            }
        }
        Map<String, String> netdevs = new LinkedHashMap<>(); // name -> where it comes from (path)
        for (int b = 0; b < spec.bridges().size(); b++) {
            BridgeSpec br = spec.bridges().get(b);
            claim(netdevs, br.name(), "bridges[" + b + "].name", "bridge");
            if (br.bond() != null) claim(netdevs, br.bond().name(), "bridges[" + b + "].bond.name", "bond");
        }
        for (SpecReferences.PortRef ref : refs.ports()) {
            if (ref.pf() == null || ref.port().eswitch() != EswitchMode.SWITCHDEV || ref.port().vfs() == 0) continue;
            RepresentorTemplate template = new RepresentorTemplate(ref.nic().representorName());
            if (RepresentorTemplate.problem(template.text()) != null || ref.nic().name() == null) continue;
            String templatePath = "nics[" + ref.nicIndex() + "]" + (doc.sources().location("nics[" + ref.nicIndex() + "].representor-name")
                    .equals(doc.sources().location("nics[" + ref.nicIndex() + "]")) ? ".name" : ".representor-name");
            String longest = null;
            for (int i = 0; i < ref.port().vfs(); i++) {
                String name = template.expand(ref.nic().name(), "pf" + ref.pfNumber() + "vf" + i, ref.pf().netdev(), ref.pfNumber(), i);
                if (name.length() > NetdevNames.MAX_LENGTH && (longest == null || name.length() > longest.length())) longest = name;
                if (name.length() <= NetdevNames.MAX_LENGTH) claim(netdevs, name, templatePath, "representor of " + ref.pf().pci() + " VF " + i);
            }
            if (longest != null) {
                error(templatePath, "representor name '" + longest + "' is " + longest.length() + " characters long",
                        "a netdev name holds at most " + NetdevNames.MAX_LENGTH + " characters (IFNAMSIZ - 1): shorten the NIC name or representor-name"
                                + "\ntemplate: " + template.text() + " (default " + NicSpec.DEFAULT_REPRESENTOR_NAME + ")");
            }
        }
        for (Pf pf : inventory.pfs()) {
            if (pf.netdev() == null) continue;
            String owner = netdevs.get(pf.netdev());
            String where = owner == null ? null : owner.substring(0, owner.indexOf('\u0000'));
            if (where != null) {
                error(where, "name '" + pf.netdev() + "' is already the name of PF " + pf.pci() + " on this host",
                        "choose another name");
            }
        }
        Map<String, String> ids = new HashMap<>();
        for (int m = 0; m < spec.proxmox().mappings().size(); m++) {
            String id = spec.proxmox().mappings().get(m).id();
            if (id == null) continue;
            String before = ids.putIfAbsent(id.toLowerCase(java.util.Locale.ROOT), "proxmox.mappings[" + m + "].id");
            if (before != null) {
                error("proxmox.mappings[" + m + "].id", "mapping id '" + id + "' is already used at " + doc.sources().location(before),
                        "Proxmox ids are case-insensitive; give each mapping its own id");
            }
        }
    }

    private void claim(Map<String, String> names, String name, String path, String what) {
        if (name == null) return;
        String key = path + "\u0000" + what;
        String before = names.putIfAbsent(name, key);
        if (before != null && !before.equals(key)) {
            String beforePath = before.substring(0, before.indexOf('\u0000'));
            String beforeWhat = before.substring(before.indexOf('\u0000') + 1);
            error(path, "name '" + name + "' (" + what + ") is already used"
                            + (beforePath.equals(path) ? " by the " + beforeWhat : " at " + doc.sources().location(beforePath)),
                    "every bridge, bond and representor needs its own netdev name");
        }
    }

    // ---- bridges and bonds ---------------------------------------------------------------------

    private void bridges() {
        Map<String, String> memberOf = new HashMap<>(); // PF pci -> path
        Map<String, String> portOf = new HashMap<>();   // netdev -> path
        for (int b = 0; b < spec.bridges().size(); b++) {
            BridgeSpec br = spec.bridges().get(b);
            String path = "bridges[" + b + "]";
            List<Pf> uplinks = new ArrayList<>();
            if (br.bond() != null) uplinks.addAll(bond(br.bond(), path + ".bond", memberOf));
            for (int p = 0; p < br.ports().size(); p++) {
                String pattern = br.ports().get(p);
                String at = path + ".ports[" + p + "]";
                if (refs.looksLikePf(pattern)) {
                    var ref = refs.member(pattern);
                    if (ref.isEmpty()) {
                        error(at, "PF '" + pattern + "' is not a port listed under nics", "list it under nics[].ports first");
                    } else {
                        uplinks.add(ref.get().pf());
                        String before = memberOf.putIfAbsent(ref.get().pf().pci(), at);
                        if (before != null) {
                            error(at, "PF " + label(ref.get().pf()) + " is already used at " + doc.sources().location(before),
                                    "a PF can be one bridge port or one bond member");
                        }
                    }
                    continue;
                }
                representorPattern(at, pattern, portOf);
            }
            mtu(path + ".mtu", br.mtu(), uplinks, "bridge mtu");
        }
        vlansNeedABridge(portOf);
    }

    private List<Pf> bond(BondSpec bond, String path, Map<String, String> memberOf) {
        List<SpecReferences.PortRef> members = new ArrayList<>();
        for (int m = 0; m < bond.members().size(); m++) {
            String ref = bond.members().get(m);
            String at = path + ".members[" + m + "]";
            var port = refs.member(ref);
            if (port.isEmpty()) {
                String nic = SpecReferences.nicOf(ref);
                if (nic != null && !refs.hasNic(nic)) {
                    error(at, "bond member '" + ref + "' names NIC '" + nic + "', which the spec does not define", "valid NICs: " + nicNames());
                } else {
                    error(at, "bond member '" + ref + "' is not a PF listed under nics",
                            "valid: " + listedPfRefs() + "\n(write <nic>/p<N>, a PF netdev name or a PCI address; list the PF under nics[].ports first)");
                }
                continue;
            }
            String before = memberOf.putIfAbsent(port.get().pf().pci(), at);
            if (before != null) {
                error(at, "PF " + label(port.get().pf()) + " is already used at " + doc.sources().location(before),
                        "a PF can be a member of one bond only");
                continue;
            }
            members.add(port.get());
        }
        if (bond instanceof VfLagBondSpec lag) vfLag(lag, path, members);
        return members.stream().map(SpecReferences.PortRef::pf).toList();
    }

    /**
     * The hardware LAG's preconditions ({@link VfLagRule}; drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c,
     * notes proxmox-api-and-vf-lag.md section 7), each refused with its rule named: exactly the two PFs of one
     * card as the only slaves of one bond (mlx5_handle_changeupper_event); TX type active-backup or hash, i.e.
     * modes active-backup, balance-xor, 802.3ad (bond_main.c bond_lag_tx_type); every PF with VFs in switchdev
     * and both in the same mode, and a switchdev LAG only on cards with exactly 2 ports (mlx5_lag_check_prereq).
     * Two rules of the Linux bond itself: lacp-time only in 802.3ad (bond_options.c: lacp_rate is refused in
     * other modes), and a warning for miimon 0 (no link monitoring: the LAG never fails over).
     */
    private void vfLag(VfLagBondSpec lag, String path, List<SpecReferences.PortRef> members) {
        if (lag.mode() != null && !VfLagBondSpec.MODES.contains(lag.mode())) {
            error(path + ".mode", "bond mode '" + lag.mode() + "' cannot be offloaded as a hardware LAG",
                    "valid for vf-lag: " + String.join(", ", VfLagBondSpec.MODES)
                            + "\nmlx5 activates VF-LAG only for active-backup and hash TX types (lag.c: \"TX type isn't supported\")"
                            + "\n" + VfLagRule.BOND_MODE.cite());
        } else if (!"802.3ad".equals(lag.mode()) && given(path + ".lacp-time")) {
            error(path + ".lacp-time", "lacp-time '" + lag.lacpTime() + "' needs bond mode 802.3ad; this bond's mode is " + lag.mode(),
                    "remove lacp-time, or use mode: 802.3ad (LACP)\nthe bonding driver refuses lacp_rate in other modes "
                            + "(\"mode dependency failed\")\n" + VfLagRule.LACP_RATE_NEEDS_8023AD.cite());
        }
        if (lag.miimon() != null && lag.miimon() == 0) {
            warning(path + ".miimon", "miimon 0 turns the bond's link monitoring off: a failed port is never noticed, so the hardware LAG "
                    + "never moves the VFs' traffic to the other port", "valid: 1 to 60000 ms; sriovctl's default is 100\n" + VfLagRule.LINK_MONITORING.cite());
        }
        if (members.size() != lag.members().size()) return; // unresolved members already reported
        if (members.size() != 2) {
            error(path + ".members", "a vf-lag bond needs exactly the two PFs of one card; it has " + members.size() + " member"
                    + (members.size() == 1 ? "" : "s"), "mlx5 forms the hardware LAG only when both ports, and only them, are slaves of the bond"
                    + "\n" + VfLagRule.TWO_PFS_OF_ONE_CARD.cite());
            return;
        }
        Nic a = members.get(0).card();
        Nic b = members.get(1).card();
        if (a != null && b != null && !a.id().equals(b.id())) {
            error(path + ".members[1]", "vf-lag members are on different cards: " + label(members.get(0).pf()) + " on " + a.id()
                            + ", " + label(members.get(1).pf()) + " on " + b.id(),
                    "a hardware LAG joins the two ports of one card; use type: ovs to bond across cards\n" + VfLagRule.TWO_PFS_OF_ONE_CARD.cite());
            return;
        }
        if (a != null && a.pfs().size() != 2) {
            error(path + ".members", "card " + a.id() + " has " + a.pfs().size() + " ports; mlx5 offloads a LAG only on cards with exactly 2",
                    "use type: ovs for this bond\n" + VfLagRule.TWO_PORT_CARD.cite());
        }
        for (int m = 0; m < 2; m++) {
            SpecReferences.PortRef ref = members.get(m);
            if (ref.port().eswitch() != EswitchMode.SWITCHDEV) {
                error(ref.path() + ".eswitch", "PF " + label(ref.pf()) + " is a vf-lag member (" + doc.sources().location(path + ".members[" + m + "]")
                                + ") but its eswitch is " + ref.port().eswitch(),
                        "valid: eswitch: switchdev (VF-LAG needs both PFs in switchdev: every PF with VFs in switchdev, both in the same mode)"
                                + "\n" + VfLagRule.SWITCHDEV.cite());
            }
        }
    }

    /** Whether the spec gives this field (rather than the default): a given field has a location of its own. */
    private boolean given(String path) {
        String parent = path.substring(0, path.lastIndexOf('.'));
        return !doc.sources().location(path).equals(doc.sources().location(parent));
    }

    private void representorPattern(String at, String pattern, Map<String, String> portOf) {
        String nic = SpecReferences.nicOf(pattern);
        if (nic == null) {
            error(at, "'" + pattern + "' is neither a representor pattern nor a PF",
                    "write <nic>/<pattern> such as sw1/pf0vf* or \"sw1/pf0vf[0-3]\" (quoted), or a PF as sw1/p0");
            return;
        }
        if (!refs.hasNic(nic)) {
            error(at, "'" + pattern + "' names NIC '" + nic + "', which the spec does not define", "valid NICs: " + nicNames());
            return;
        }
        var vfs = refs.vfs(pattern);
        var reps = refs.representors(pattern);
        if (reps.isEmpty()) {
            String why = !vfs.isEmpty() ? "the VFs it names are on a PF in legacy mode, which has no representors (use eswitch: switchdev)"
                    : "NIC '" + nic + "' will have representors " + representorRange(nic);
            error(at, "representor pattern '" + pattern + "' matches nothing", why);
            return;
        }
        for (SpecReferences.VfRef v : reps) {
            String key = v.port().pf().pci() + "#" + v.index();
            String before = portOf.putIfAbsent(key, at);
            if (before != null && !before.startsWith(at.substring(0, at.indexOf(".ports")))) {
                error(at, "representor " + nic + "/" + v.portName() + " is already a port at " + doc.sources().location(before),
                        "a representor can be a port of one bridge only");
                return;
            }
        }
    }

    /** In switchdev, a VF's VLAN is the tag of its representor's OVS port: that port must exist. */
    private void vlansNeedABridge(Map<String, String> portOf) {
        for (SpecReferences.PortRef ref : refs.ports()) {
            if (ref.pf() == null || ref.port().eswitch() != EswitchMode.SWITCHDEV) continue;
            for (int i = 0; i < ref.port().vfSettings().size(); i++) {
                VfSpec v = ref.port().vfSettings().get(i);
                if (v.vlan() == null || v.vf() >= ref.port().vfs()) continue;
                if (!portOf.containsKey(ref.pf().pci() + "#" + v.vf())) {
                    error(ref.path() + ".vf-settings[" + i + "].vlan", "VLAN " + v.vlan() + " of VF " + v.vf()
                                    + " has nowhere to go: in switchdev mode it is the tag of the representor's OVS port, and pf"
                                    + ref.pfNumber() + "vf" + v.vf() + " is not a port of any bridge",
                            "add the representor to a bridge's ports, or use eswitch: legacy");
                }
            }
        }
    }

    private void mappings() {
        for (int m = 0; m < spec.proxmox().mappings().size(); m++) {
            MappingSpec map = spec.proxmox().mappings().get(m);
            for (int i = 0; i < map.vfs().size(); i++) {
                String pattern = map.vfs().get(i);
                String at = "proxmox.mappings[" + m + "].vfs[" + i + "]";
                String nic = SpecReferences.nicOf(pattern);
                if (nic == null || !refs.hasNic(nic)) {
                    error(at, "'" + pattern + "' does not name a NIC of this spec", "write <nic>/<pattern>, e.g. sw1/pf0vf*; valid NICs: " + nicNames());
                } else if (refs.vfs(pattern).isEmpty()) {
                    error(at, "VF pattern '" + pattern + "' matches nothing", "NIC '" + nic + "' will have VFs " + representorRange(nic));
                } else if (refs.vfs(pattern).stream().anyMatch(v -> v.port().port().vfSettings().stream()
                        .anyMatch(s -> s.vf() == v.index() && s.driver() == VfDriver.MLX5_CORE)
                        || (v.port().port().vfDriver() == VfDriver.MLX5_CORE
                        && v.port().port().vfSettings().stream().noneMatch(s -> s.vf() == v.index() && s.driver() != null)))) {
                    warning(at, "mapping '" + map.id() + "' offers VFs that the host binds to mlx5_core",
                            "Proxmox rebinds a VF to vfio-pci when a VM starts, taking it from the host; use vf-driver: vfio-pci for VFs meant for VMs");
                }
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String representorRange(String nic) {
        List<String> out = new ArrayList<>();
        for (SpecReferences.PortRef p : refs.ports()) {
            if (p.pf() == null || !nic.equals(p.nic().name()) || p.port().vfs() == 0) continue;
            String prefix = "pf" + p.pfNumber() + "vf";
            out.add(p.port().vfs() == 1 ? prefix + "0" : prefix + "0.." + prefix + (p.port().vfs() - 1));
        }
        return out.isEmpty() ? "none (no port of it has VFs)" : String.join(", ", out);
    }

    private String nicNames() {
        List<String> names = spec.nics().stream().map(NicSpec::name).filter(n -> n != null).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private String listedPfRefs() {
        List<String> out = new ArrayList<>();
        for (SpecReferences.PortRef p : refs.ports()) {
            if (p.pf() != null) out.add(p.nic().name() + "/" + p.portName() + " (" + p.pf().netdev() + ")");
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static String label(Pf pf) {
        return pf.netdev() == null ? pf.pci() : pf.netdev() + " (" + pf.pci() + ")";
    }
}
