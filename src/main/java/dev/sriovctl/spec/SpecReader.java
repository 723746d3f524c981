package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.MacAddress;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a spec into {@link Spec} records: shape, types and formats (MAC, VLAN,
 * CIDR, names). Rules that need the host come later, in {@link SpecValidator}.
 */
final class SpecReader {

    static final List<String> ROOT_KEYS = List.of("version", "nics", "ovs", "bridges", "proxmox");
    static final List<String> NIC_KEYS = List.of("name", "representor-name", "order", "ports");
    static final List<String> PORT_KEYS = List.of("pf", "eswitch", "vfs", "mtu", "vf-driver", "vf-settings");
    static final List<String> VF_KEYS = List.of("vf", "mac", "vlan", "trust", "spoofchk", "max-rate", "driver");
    static final List<String> OVS_KEYS = List.of("hw-offload", "tc-policy", "lacp-fallback-ab", "max-idle");
    static final List<String> BRIDGE_KEYS = List.of("name", "mtu", "address", "gateway", "bond", "ports", "other-config");
    static final List<String> OVS_BOND_KEYS = List.of("name", "type", "members", "mode", "lacp", "lacp-time",
            "lacp-fallback-ab", "miimon");
    static final List<String> VF_LAG_BOND_KEYS = List.of("name", "type", "members", "mode", "miimon",
            "xmit-hash-policy", "lacp-time");
    static final List<String> PROXMOX_KEYS = List.of("mappings");
    static final List<String> MAPPING_KEYS = List.of("id", "description", "vfs");

    /** Linux bonding's xmit_hash_policy values; mlx5 port selection accepts each (port_sel.c). */
    static final List<String> XMIT_HASH_POLICIES = List.of("layer2", "layer2+3", "layer3+4", "encap2+3", "encap3+4",
            "vlan+srcmac");
    /** ifupdown2's validrange for ovs-mtu (addons/openvswitch.py). */
    static final int OVS_MTU_MIN = 552;
    static final int OVS_MTU_MAX = 9216;

    private static final Pattern NIC_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern NETDEV = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern PVE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]+");
    private static final Pattern OTHER_CONFIG_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** ifupdown2 runs ovs_extra through a shell: values stay plain words. */
    private static final Pattern OTHER_CONFIG_VALUE = Pattern.compile("[A-Za-z0-9._:,+-]+");

    private final NodeReader r;
    private final String file;
    private final String text;

    SpecReader(NodeReader reader, String file, String text) {
        this.r = reader;
        this.file = file;
        this.text = text;
    }

    Spec read(Node root) {
        Map<String, Node> f = r.fields(root, "", "the spec", ROOT_KEYS);
        if (f == null) return null;
        Integer version = r.integer(f.get("version"), "version", "version", 1, 1000, null);
        if (NodeReader.isNull(f.get("version"))) {
            r.error("", "the spec needs 'version: " + Spec.CURRENT_VERSION + "' at the top", null);
        } else if (version != null && version != Spec.CURRENT_VERSION) {
            r.error("version", "spec version " + version + " is not supported by this sriovctl",
                    "valid: " + Spec.CURRENT_VERSION);
        }
        List<NicSpec> nics = new ArrayList<>();
        List<Node> nicNodes = r.items(f.get("nics"), "nics", "nics");
        for (int i = 0; i < nicNodes.size(); i++) {
            NicSpec n = nic(nicNodes.get(i), "nics[" + i + "]");
            if (n != null) nics.add(n);
        }
        OvsSpec ovs = ovs(f.get("ovs"));
        List<BridgeSpec> bridges = new ArrayList<>();
        List<Node> bridgeNodes = r.items(f.get("bridges"), "bridges", "bridges");
        for (int i = 0; i < bridgeNodes.size(); i++) {
            BridgeSpec b = bridge(bridgeNodes.get(i), "bridges[" + i + "]");
            if (b != null) bridges.add(b);
        }
        ProxmoxSpec proxmox = proxmox(f.get("proxmox"));
        return new Spec(version == null ? 0 : version, nics, ovs, bridges, proxmox, new SpecSource(file, text));
    }

    private NicSpec nic(Node node, String path) {
        Map<String, Node> f = r.fields(node, path, "a NIC", NIC_KEYS);
        if (f == null) return null;
        r.require(f, path, "name", "a NIC", "a short name used in representor names, e.g. name: sw1");
        String name = r.string(f.get("name"), path + ".name", "the NIC name");
        if (name != null && !NIC_NAME.matcher(name).matches()) {
            r.error(path + ".name", "NIC name '" + name + "' is not a plain word",
                    "use letters, digits, - and _ (it becomes part of netdev names), e.g. sw1");
        }
        String template = r.string(f.get("representor-name"), path + ".representor-name", "representor-name");
        if (template != null) {
            String why = RepresentorTemplate.problem(template);
            if (why != null) {
                r.error(path + ".representor-name", "representor-name '" + template + "': " + why,
                        "variables: {nic} {port} {pf} {pfnum} {vf}; default: " + NicSpec.DEFAULT_REPRESENTOR_NAME);
            }
        }
        SwitchdevOrder order = r.choice(f.get("order"), path + ".order", "order",
                ordered("vfs-first", SwitchdevOrder.VFS_FIRST, "switchdev-first", SwitchdevOrder.SWITCHDEV_FIRST));
        List<PortSpec> ports = new ArrayList<>();
        List<Node> portNodes = r.items(f.get("ports"), path + ".ports", "ports");
        if (portNodes.isEmpty()) {
            r.error(path, "NIC '" + (name == null ? "?" : name) + "' lists no ports",
                    "add at least one: ports: [{pf: <netdev or PCI address>, eswitch: switchdev, vfs: 4}]");
        }
        for (int i = 0; i < portNodes.size(); i++) {
            PortSpec p = port(portNodes.get(i), path + ".ports[" + i + "]");
            if (p != null) ports.add(p);
        }
        return new NicSpec(name, template, order, ports);
    }

    private PortSpec port(Node node, String path) {
        Map<String, Node> f = r.fields(node, path, "a port", PORT_KEYS);
        if (f == null) return null;
        r.require(f, path, "pf", "a port", "the PF's netdev name or PCI address, as 'sriovctl discover' shows it");
        String pf = r.string(f.get("pf"), path + ".pf", "pf");
        EswitchMode mode = r.choice(f.get("eswitch"), path + ".eswitch", "eswitch",
                ordered("legacy", EswitchMode.LEGACY, "switchdev", EswitchMode.SWITCHDEV));
        Integer vfs = r.integer(f.get("vfs"), path + ".vfs", "vfs", 0, 1024, "the number of VFs");
        Integer mtu = r.integer(f.get("mtu"), path + ".mtu", "mtu", 68, 65535, "bytes");
        VfDriver driver = driver(f.get("vf-driver"), path + ".vf-driver", "vf-driver");
        List<VfSpec> settings = new ArrayList<>();
        List<Node> vfNodes = r.items(f.get("vf-settings"), path + ".vf-settings", "vf-settings");
        for (int i = 0; i < vfNodes.size(); i++) {
            VfSpec v = vf(vfNodes.get(i), path + ".vf-settings[" + i + "]");
            if (v != null) settings.add(v);
        }
        return new PortSpec(pf, mode, vfs == null ? 0 : vfs, mtu, driver, settings);
    }

    private VfDriver driver(Node node, String path, String what) {
        return r.choice(node, path, what, ordered("vfio-pci", VfDriver.VFIO_PCI, "mlx5_core", VfDriver.MLX5_CORE));
    }

    private VfSpec vf(Node node, String path) {
        Map<String, Node> f = r.fields(node, path, "VF settings", VF_KEYS);
        if (f == null) return null;
        r.require(f, path, "vf", "VF settings", "the VF index, e.g. vf: 0");
        Integer index = r.integer(f.get("vf"), path + ".vf", "vf", 0, 1023, "the VF index");
        String mac = r.string(f.get("mac"), path + ".mac", "mac");
        if (mac != null) mac = checkMac(mac, path + ".mac", index);
        Integer vlan = r.integer(f.get("vlan"), path + ".vlan", "VLAN", 1, 4094, "802.1Q VLAN id; 0 and 4095 are reserved");
        Boolean trust = r.bool(f.get("trust"), path + ".trust", "trust");
        Boolean spoofchk = r.bool(f.get("spoofchk"), path + ".spoofchk", "spoofchk");
        Integer rate = r.integer(f.get("max-rate"), path + ".max-rate", "max-rate", 1, 1_000_000, "Mbit/s");
        VfDriver driver = driver(f.get("driver"), path + ".driver", "driver");
        if (index == null) return null;
        return new VfSpec(index, mac, vlan, trust, spoofchk, rate, driver);
    }

    private String checkMac(String mac, String path, Integer vf) {
        String who = vf == null ? "VF" : "VF " + vf;
        if (!MacAddress.isValid(mac)) {
            r.error(path, who + " MAC '" + mac + "' is not a MAC address",
                    "valid: six colon-separated hex bytes, e.g. 02:00:00:00:00:01");
            return null;
        }
        MacAddress m = MacAddress.parse(mac);
        if (m.isZero()) {
            r.error(path, who + " MAC 00:00:00:00:00:00 is the all-zero address",
                    "give a unicast address, or leave 'mac' out to keep the one the VF has");
            return null;
        }
        if (m.isMulticast()) {
            r.error(path, who + " MAC '" + mac + "' is a multicast address",
                    "valid: a unicast address (lowest bit of the first byte clear), e.g. 02:00:00:00:00:01");
            return null;
        }
        return m.value();
    }

    private OvsSpec ovs(Node node) {
        if (NodeReader.isNull(node)) return OvsSpec.unset();
        Map<String, Node> f = r.fields(node, "ovs", "ovs", OVS_KEYS);
        if (f == null) return OvsSpec.unset();
        Boolean hw = r.bool(f.get("hw-offload"), "ovs.hw-offload", "hw-offload");
        String tc = r.choice(f.get("tc-policy"), "ovs.tc-policy", "tc-policy",
                ordered("none", "none", "skip_sw", "skip_sw", "skip_hw", "skip_hw"));
        Boolean fallback = r.bool(f.get("lacp-fallback-ab"), "ovs.lacp-fallback-ab", "lacp-fallback-ab");
        Integer maxIdle = r.integer(f.get("max-idle"), "ovs.max-idle", "max-idle", 500, 3_600_000, "milliseconds, at least 500");
        return new OvsSpec(hw, tc, fallback, maxIdle);
    }

    private BridgeSpec bridge(Node node, String path) {
        Map<String, Node> f = r.fields(node, path, "a bridge", BRIDGE_KEYS);
        if (f == null) return null;
        r.require(f, path, "name", "a bridge", "e.g. name: vmbr1");
        String name = netdevName(f.get("name"), path + ".name", "bridge name");
        Integer mtu = r.integer(f.get("mtu"), path + ".mtu", "bridge mtu", OVS_MTU_MIN, OVS_MTU_MAX,
                "bytes; ifupdown2's range for ovs_mtu");
        String address = r.string(f.get("address"), path + ".address", "address");
        if (address != null) {
            String why = IpPrefix.cidrProblem(address);
            if (why != null) {
                r.error(path + ".address", "address '" + address + "' is not valid: " + why,
                        "valid: an address with its prefix length, e.g. 192.168.1.2/24 or 2001:db8::2/64");
                address = null;
            }
        }
        String gateway = r.string(f.get("gateway"), path + ".gateway", "gateway");
        if (gateway != null) {
            int fam = IpPrefix.family(gateway);
            if (fam == 0) {
                r.error(path + ".gateway", "gateway '" + gateway + "' is not an IP address",
                        "valid: an address without prefix length, e.g. 192.168.1.1");
            } else if (address != null && IpPrefix.family(address.substring(0, address.indexOf('/'))) != fam) {
                r.error(path + ".gateway", "gateway '" + gateway + "' is not of the same family as address " + address, null);
            }
        }
        BondSpec bond = NodeReader.isNull(f.get("bond")) ? null : bond(f.get("bond"), path + ".bond");
        List<String> ports = r.strings(f.get("ports"), path + ".ports", "ports");
        Map<String, String> other = r.stringMap(f.get("other-config"), path + ".other-config", "other-config",
                k -> OTHER_CONFIG_KEY.matcher(k).matches() ? null
                        : "key '" + k + "' is not a valid other_config key (lower-case letters, digits, - and _)");
        other.forEach((k, v) -> {
            if (!OTHER_CONFIG_VALUE.matcher(v).matches()) {
                r.error(path + ".other-config." + k, "other-config value '" + v + "' is not a plain word",
                        "use letters, digits and . _ : , + - (ifupdown2 passes ovs_extra through a shell)");
            }
        });
        return new BridgeSpec(name, mtu, address, gateway, bond, ports, other);
    }

    private BondSpec bond(Node node, String path) {
        Map<String, Node> peek = r.fields(node, path, "a bond", union(OVS_BOND_KEYS, VF_LAG_BOND_KEYS));
        if (peek == null) return null;
        // fields() reported unknown keys against the union; re-check against the type's own keys below
        String type = r.choice(peek.get("type"), path + ".type", "bond type", ordered("ovs", "ovs", "vf-lag", "vf-lag"));
        if (NodeReader.isNull(peek.get("type"))) {
            r.error(path, "a bond needs 'type'", "valid: ovs (an Open vSwitch bond) or vf-lag (a Linux bond offloaded as one hardware LAG)");
        }
        if (type == null) return null;
        List<String> own = type.equals("ovs") ? OVS_BOND_KEYS : VF_LAG_BOND_KEYS;
        for (String key : peek.keySet()) {
            if (!own.contains(key)) {
                r.keyError(path + "." + key, "'" + key + "' does not apply to a bond of type " + type,
                        type.equals("ovs") ? "valid keys for type ovs: " + String.join(", ", OVS_BOND_KEYS)
                                : "valid keys for type vf-lag: " + String.join(", ", VF_LAG_BOND_KEYS)
                                + (key.equals("lacp-fallback-ab") || key.equals("lacp")
                                ? "\na vf-lag bond negotiates LACP when its mode is 802.3ad; lacp-fallback-ab is an Open vSwitch bond setting" : ""));
            }
        }
        r.require(peek, path, "name", "a bond", "e.g. name: bond1");
        String name = netdevName(peek.get("name"), path + ".name", "bond name");
        List<String> members = r.strings(peek.get("members"), path + ".members", "members");
        if (members.isEmpty()) {
            r.error(path, "bond '" + (name == null ? "?" : name) + "' has no members", "e.g. members: [sw1/p0, sw1/p1]");
        }
        String mode = r.string(peek.get("mode"), path + ".mode", "bond mode");
        String lacpTime = r.choice(peek.get("lacp-time"), path + ".lacp-time", "lacp-time", ordered("fast", "fast", "slow", "slow"));
        Integer miimon = r.integer(peek.get("miimon"), path + ".miimon", "miimon", 0, 60_000, "milliseconds between link checks");
        if (type.equals("ovs")) {
            if (mode != null && !OvsBondSpec.MODES.contains(mode)) {
                r.error(path + ".mode", "'" + mode + "' is not an Open vSwitch bond mode",
                        "valid for type ovs: " + String.join(", ", OvsBondSpec.MODES)
                                + (VfLagBondSpec.MODES.contains(mode) ? "\n'" + mode + "' is a Linux bond mode: use type: vf-lag for a Linux bond of the PFs" : ""));
                mode = null;
            }
            String lacp = r.choice(peek.get("lacp"), path + ".lacp", "lacp", ordered("active", "active", "passive", "passive", "off", "off"));
            Boolean fallback = r.bool(peek.get("lacp-fallback-ab"), path + ".lacp-fallback-ab", "lacp-fallback-ab");
            return new OvsBondSpec(name, members, mode, lacp, lacpTime, fallback, miimon);
        }
        String hash = r.choice(peek.get("xmit-hash-policy"), path + ".xmit-hash-policy", "xmit-hash-policy",
                words(XMIT_HASH_POLICIES));
        return new VfLagBondSpec(name, members, mode, miimon, hash, lacpTime);
    }

    private String netdevName(Node node, String path, String what) {
        String name = r.string(node, path, what);
        if (name == null) return null;
        if (!NETDEV.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            r.error(path, what + " '" + name + "' is not a valid netdev name", "use letters, digits and . _ : - only");
            return null;
        }
        if (name.length() > NetdevNames.MAX_LENGTH) {
            r.error(path, what + " '" + name + "' is " + name.length() + " characters long",
                    "a netdev name holds at most " + NetdevNames.MAX_LENGTH + " characters (IFNAMSIZ - 1)");
            return null;
        }
        return name;
    }

    private ProxmoxSpec proxmox(Node node) {
        if (NodeReader.isNull(node)) return new ProxmoxSpec(List.of());
        Map<String, Node> f = r.fields(node, "proxmox", "proxmox", PROXMOX_KEYS);
        if (f == null) return new ProxmoxSpec(List.of());
        List<MappingSpec> out = new ArrayList<>();
        List<Node> items = r.items(f.get("mappings"), "proxmox.mappings", "mappings");
        for (int i = 0; i < items.size(); i++) {
            String path = "proxmox.mappings[" + i + "]";
            Map<String, Node> m = r.fields(items.get(i), path, "a mapping", MAPPING_KEYS);
            if (m == null) continue;
            r.require(m, path, "id", "a mapping", "e.g. id: network");
            String id = r.string(m.get("id"), path + ".id", "mapping id");
            if (id != null && !PVE_ID.matcher(id).matches()) {
                r.error(path + ".id", "mapping id '" + id + "' is not a Proxmox id",
                        "valid: a letter, then letters, digits, - or _ (pve-configid), e.g. network");
            }
            String description = r.string(m.get("description"), path + ".description", "description");
            if (description != null && description.length() > 4096) {
                r.error(path + ".description", "description is longer than Proxmox's 4096 characters", null);
            }
            List<String> vfs = r.strings(m.get("vfs"), path + ".vfs", "vfs");
            if (vfs.isEmpty()) r.error(path, "mapping '" + id + "' lists no VFs", "e.g. vfs: [sw1/pf0vf*]");
            out.add(new MappingSpec(id, description, vfs));
        }
        return new ProxmoxSpec(out);
    }

    /** Word-to-value pairs, in the written order (for "valid:" hints). */
    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> ordered(Object... pairs) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (E) pairs[i + 1]);
        return m;
    }

    /** Words that stand for themselves. */
    private static Map<String, String> words(List<String> words) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : words) m.put(w, w);
        return m;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String s : b) if (!out.contains(s)) out.add(s);
        return out;
    }
}
