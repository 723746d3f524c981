package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of Open vSwitch's database schema (vswitchd/vswitch.ovsschema, version 8.3.1 as shipped
 * with OVS 3.1.0 in Debian 12) that the simulation models: every column of Open_vSwitch, Bridge, Port and
 * Interface with its type and constraints. The other tables are known by name only (so that table-name
 * matching behaves like ovs-vsctl's), and are refused as "not modelled".
 *
 * <p>Column types are written in a compact notation: {@code int}, {@code real}, {@code bool}, {@code str},
 * {@code uuid:Table}; an optional {@code {a|b}} enum or {@code [min,max]} integer range; then the
 * cardinality: nothing (exactly one), {@code ?} (0..1), {@code *} (0..unlimited), {@code *N} (0..N),
 * {@code +} (1..unlimited). Maps are {@code key=value} followed by the cardinality.
 */
public final class OvsSchema {
    private OvsSchema() {
    }

    /** Schema version, as {@code ovs-vsctl --version} prints it ("DB Schema 8.3.1"). */
    public static final String VERSION = "8.3.1";

    /** Every table of the real schema, in its own order (for ovs-vsctl's table-name matching). */
    public static final List<String> ALL_TABLES = List.of("Open_vSwitch", "Bridge", "Port", "Interface", "Flow_Table",
            "QoS", "Queue", "Mirror", "NetFlow", "sFlow", "IPFIX", "Flow_Sample_Collector_Set", "Controller", "Manager",
            "Datapath", "CT_Zone", "CT_Timeout_Policy", "SSL", "AutoAttach");

    /** The tables the simulation holds rows for. */
    public static final List<String> MODELLED = List.of("Open_vSwitch", "Bridge", "Port", "Interface");

    /** An atomic type with its constraints. */
    public record BaseType(Kind kind, List<String> enumValues, Long minInteger, Long maxInteger, String refTable) {
        public enum Kind { INTEGER, REAL, BOOLEAN, STRING, UUID }

        public String typeName() {
            return switch (kind) {
                case INTEGER -> "integer";
                case REAL -> "real";
                case BOOLEAN -> "boolean";
                case STRING -> "string";
                case UUID -> "uuid";
            };
        }
    }

    /** A column type: key (and value for maps) with cardinality min..max ({@code max} = Integer.MAX_VALUE: unlimited). */
    public record ColumnType(BaseType key, BaseType value, int min, int max) {
        public boolean isMap() {
            return value != null;
        }

        /** Exactly one value ("scalar" in OVSDB's sense). */
        public boolean isScalar() {
            return min == 1 && max == 1 && value == null;
        }

        public boolean isOptional() {
            return min == 0 && max == 1 && value == null;
        }
    }

    /** A column: its name, type and whether ovs-vsctl may change it. */
    public record Column(String name, ColumnType type, boolean mutable) {
    }

    /** A modelled table: columns sorted by name (as ovs-vsctl lists them after _uuid). */
    public record Table(String name, List<Column> columns, boolean root) {
        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        /** Headings of {@code ovs-vsctl list}: {@code _uuid} then every column by name. */
        public List<String> headings() {
            List<String> h = new ArrayList<>();
            h.add("_uuid");
            columns.forEach(c -> h.add(c.name()));
            return h;
        }
    }

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        table("Open_vSwitch", true,
                "bridges", "uuid:Bridge*",
                "cur_cfg", "int",
                "datapath_types", "str*",
                "datapaths", "str=uuid:Datapath*",
                "db_version", "str?",
                "dpdk_initialized", "bool",
                "dpdk_version", "str?",
                "external_ids", "str=str*",
                "iface_types", "str*",
                "manager_options", "uuid:Manager*",
                "next_cfg", "int",
                "other_config", "str=str*",
                "ovs_version", "str?",
                "ssl", "uuid:SSL?",
                "statistics", "str=str*",
                "system_type", "str?",
                "system_version", "str?");
        table("Bridge", false,
                "auto_attach", "uuid:AutoAttach?",
                "controller", "uuid:Controller*",
                "datapath_id", "str?",
                "datapath_type", "str",
                "datapath_version", "str",
                "external_ids", "str=str*",
                "fail_mode", "str{standalone|secure}?",
                "flood_vlans", "int[0,4095]*4096",
                "flow_tables", "int[0,254]=uuid:Flow_Table*",
                "ipfix", "uuid:IPFIX?",
                "mcast_snooping_enable", "bool",
                "mirrors", "uuid:Mirror*",
                "!name", "str",
                "netflow", "uuid:NetFlow?",
                "other_config", "str=str*",
                "ports", "uuid:Port*",
                "protocols", "str{OpenFlow10|OpenFlow11|OpenFlow12|OpenFlow13|OpenFlow14|OpenFlow15}*",
                "rstp_enable", "bool",
                "rstp_status", "str=str*",
                "sflow", "uuid:sFlow?",
                "status", "str=str*",
                "stp_enable", "bool");
        table("Port", false,
                "bond_active_slave", "str?",
                "bond_downdelay", "int",
                "bond_fake_iface", "bool",
                "bond_mode", "str{balance-tcp|balance-slb|active-backup}?",
                "bond_updelay", "int",
                "cvlans", "int[0,4095]*4096",
                "external_ids", "str=str*",
                "fake_bridge", "bool",
                "interfaces", "uuid:Interface+",
                "lacp", "str{active|passive|off}?",
                "mac", "str?",
                "!name", "str",
                "other_config", "str=str*",
                "protected", "bool",
                "qos", "uuid:QoS?",
                "rstp_statistics", "str=int*",
                "rstp_status", "str=str*",
                "statistics", "str=int*",
                "status", "str=str*",
                "tag", "int[0,4095]?",
                "trunks", "int[0,4095]*4096",
                "vlan_mode", "str{trunk|access|native-tagged|native-untagged|dot1q-tunnel}?");
        table("Interface", false,
                "admin_state", "str{up|down}?",
                "bfd", "str=str*",
                "bfd_status", "str=str*",
                "cfm_fault", "bool?",
                "cfm_fault_status", "str*",
                "cfm_flap_count", "int?",
                "cfm_health", "int[0,100]?",
                "cfm_mpid", "int?",
                "cfm_remote_mpids", "int*",
                "cfm_remote_opstate", "str{up|down}?",
                "duplex", "str{half|full}?",
                "error", "str?",
                "external_ids", "str=str*",
                "ifindex", "int[0,4294967295]?",
                "ingress_policing_burst", "int[0,]",
                "ingress_policing_kpkts_burst", "int[0,]",
                "ingress_policing_kpkts_rate", "int[0,]",
                "ingress_policing_rate", "int[0,]",
                "lacp_current", "bool?",
                "link_resets", "int?",
                "link_speed", "int?",
                "link_state", "str{up|down}?",
                "lldp", "str=str*",
                "mac", "str?",
                "mac_in_use", "str?",
                "mtu", "int?",
                "mtu_request", "int[1,]?",
                "!name", "str",
                "ofport", "int?",
                "ofport_request", "int[1,65279]?",
                "options", "str=str*",
                "other_config", "str=str*",
                "statistics", "str=int*",
                "status", "str=str*",
                "type", "str");
    }

    private static void table(String name, boolean root, String... defs) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < defs.length; i += 2) {
            boolean immutable = defs[i].startsWith("!");
            String col = immutable ? defs[i].substring(1) : defs[i];
            cols.add(new Column(col, parseType(defs[i + 1]), !immutable));
        }
        TABLES.put(name, new Table(name, Collections.unmodifiableList(cols), root));
    }

    static ColumnType parseType(String spec) {
        int min = 1, max = 1;
        String body = spec;
        int card = cardinalityStart(spec);
        if (card >= 0) {
            String c = spec.substring(card);
            body = spec.substring(0, card);
            if (c.equals("?")) {
                min = 0;
            } else if (c.equals("+")) {
                max = Integer.MAX_VALUE;
            } else if (c.equals("*")) {
                min = 0;
                max = Integer.MAX_VALUE;
            } else {
                min = 0;
                max = Integer.parseInt(c.substring(1));
            }
        }
        int eq = body.indexOf('=');
        if (eq >= 0) return new ColumnType(parseBase(body.substring(0, eq)), parseBase(body.substring(eq + 1)), min, max);
        return new ColumnType(parseBase(body), null, min, max);
    }

    private static int cardinalityStart(String spec) {
        for (int i = spec.length() - 1; i >= 0; i--) {
            char ch = spec.charAt(i);
            if (ch == '?' || ch == '+' || ch == '*') return i;
            if (!Character.isDigit(ch)) return -1;
        }
        return -1;
    }

    private static BaseType parseBase(String s) {
        List<String> en = null;
        Long lo = null, hi = null;
        String ref = null;
        int brace = s.indexOf('{');
        int bracket = s.indexOf('[');
        String kind = s;
        if (brace >= 0) {
            kind = s.substring(0, brace);
            en = List.of(s.substring(brace + 1, s.length() - 1).split("\\|"));
        } else if (bracket >= 0) {
            kind = s.substring(0, bracket);
            String[] r = s.substring(bracket + 1, s.length() - 1).split(",", -1);
            lo = r[0].isEmpty() ? null : Long.valueOf(r[0]);
            hi = r[1].isEmpty() ? null : Long.valueOf(r[1]);
        }
        if (kind.startsWith("uuid:")) {
            ref = kind.substring(5);
            kind = "uuid";
        }
        BaseType.Kind k = switch (kind) {
            case "int" -> BaseType.Kind.INTEGER;
            case "real" -> BaseType.Kind.REAL;
            case "bool" -> BaseType.Kind.BOOLEAN;
            case "str" -> BaseType.Kind.STRING;
            case "uuid" -> BaseType.Kind.UUID;
            default -> throw new IllegalArgumentException("bad schema type " + s);
        };
        return new BaseType(k, en == null ? null : List.copyOf(en), lo, hi, ref);
    }

    /** A modelled table by its exact name. */
    public static Table table(String name) {
        Table t = TABLES.get(name);
        if (t == null) throw new IllegalArgumentException("table " + name + " is not modelled");
        return t;
    }

    public static boolean isModelled(String name) {
        return TABLES.containsKey(name);
    }

    /** Lower-case, for ovs-vsctl's case-insensitive matching. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
