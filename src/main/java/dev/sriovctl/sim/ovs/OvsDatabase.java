package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The simulated Open vSwitch of a host: the OVSDB tables Open_vSwitch, Bridge, Port and Interface (every
 * column of schema 8.3.1), the state of ovs-vswitchd ({@link Vswitchd}: running or not, the offload settings
 * it runs with), the LACP partners behind bond members and the traffic the simulator registers.
 *
 * <p>Record UUIDs are derived from a seed and a counter ({@link Uuids}), so a simulated host is reproducible.
 * Rows are kept in UUID order, which is also the order ovs-vsctl prints set members in.
 *
 * <p>Serialization: Jackson writes the whole state as one JSON object
 * ({@code {"format":"sriovctl-ovsdb/1","seed":..,"tables":{"Bridge":{"<uuid>":{"name":"vmbr1",...}}},"vswitchd":{...}}}),
 * cells in OVSDB's own JSON notation; {@code objectMapper.readValue(json, OvsDatabase.class)} reads it back.
 */
public final class OvsDatabase {
    static final String FORMAT = "sriovctl-ovsdb/1";
    private static final Comparator<UUID> UUID_ORDER = Comparator.comparing(UUID::toString);

    private final String seed;
    private long nextUuid;
    private final Map<String, TreeMap<UUID, OvsRow>> tables = new LinkedHashMap<>();
    private Vswitchd vswitchd = new Vswitchd();
    private final Map<String, LacpPartner> partners = new TreeMap<>();
    private final List<TrafficFlow> traffic = new ArrayList<>();

    /** An empty database (not yet initialized: no Open_vSwitch row, as after {@code ovsdb-tool create}). */
    public OvsDatabase(String seed) {
        this.seed = seed;
        for (String t : OvsSchema.MODELLED) tables.put(t, new TreeMap<>(UUID_ORDER));
    }

    /**
     * A freshly installed Open vSwitch as Debian's openvswitch-switch leaves it once ovs-ctl has started:
     * the Open_vSwitch row with ovs_version, db_version, system-id, and ovs-vswitchd running.
     */
    public static OvsDatabase installed(String seed, String hostname) {
        OvsDatabase db = new OvsDatabase(seed);
        OvsRow ovs = db.insert("Open_vSwitch");
        ovs.put("ovs_version", Datum.of("3.1.0"));
        ovs.put("db_version", Datum.of(OvsSchema.VERSION));
        ovs.put("external_ids", Datum.map(Map.of("hostname", hostname, "system-id", db.newUuid().toString())));
        ovs.put("datapath_types", Datum.set(List.of("netdev", "system")));
        ovs.put("iface_types", Datum.set(List.of("erspan", "geneve", "gre", "internal", "ip6erspan", "ip6gre", "lisp", "patch",
                "stt", "system", "tap", "vxlan")));
        db.vswitchd.running = true;
        db.vswitchd.startedWith = Map.of();
        return db;
    }

    public String seed() {
        return seed;
    }

    UUID newUuid() {
        return Uuids.derive(seed, nextUuid++);
    }

    /** Inserts a new row with default values. */
    public OvsRow insert(String table) {
        OvsRow r = new OvsRow(OvsSchema.table(table), newUuid());
        tables.get(table).put(r.uuid(), r);
        return r;
    }

    public void delete(String table, UUID uuid) {
        tables.get(table).remove(uuid);
    }

    /** The rows of a modelled table in UUID order. */
    public List<OvsRow> rows(String table) {
        TreeMap<UUID, OvsRow> t = tables.get(table);
        if (t == null) throw new IllegalArgumentException("table " + table + " is not modelled");
        return List.copyOf(t.values());
    }

    public Optional<OvsRow> row(String table, UUID uuid) {
        return Optional.ofNullable(tables.get(table).get(uuid));
    }

    /** A row by its name column (Bridge, Port, Interface). */
    public Optional<OvsRow> byName(String table, String name) {
        return tables.get(table).values().stream().filter(r -> name.equals(r.name())).findFirst();
    }

    /** The Open_vSwitch row, or empty before {@code ovs-vsctl init}. */
    public Optional<OvsRow> openVswitch() {
        return tables.get("Open_vSwitch").values().stream().findFirst();
    }

    public Optional<OvsRow> bridge(String name) {
        return byName("Bridge", name);
    }

    public Optional<OvsRow> port(String name) {
        return byName("Port", name);
    }

    public Optional<OvsRow> iface(String name) {
        return byName("Interface", name);
    }

    /** The bridge holding a port. */
    public Optional<OvsRow> bridgeOf(OvsRow port) {
        return tables.get("Bridge").values().stream().filter(b -> b.refs("ports").contains(port.uuid())).findFirst();
    }

    /** The port holding an interface. */
    public Optional<OvsRow> portOf(OvsRow iface) {
        return tables.get("Port").values().stream().filter(p -> p.refs("interfaces").contains(iface.uuid())).findFirst();
    }

    /** The rows referenced by a column, in the column's (UUID) order. */
    public List<OvsRow> deref(OvsRow row, String column, String table) {
        List<OvsRow> out = new ArrayList<>();
        for (UUID u : row.refs(column)) row(table, u).ifPresent(out::add);
        return out;
    }

    public Vswitchd vswitchd() {
        return vswitchd;
    }

    /** The LACP partner behind a bond member (default: an LACP-active switch when unset). */
    public Optional<LacpPartner> partner(String member) {
        return Optional.ofNullable(partners.get(member));
    }

    /** Sets what is at the far end of a member's link; null restores the default LACP-active switch. */
    public void setPartner(String member, LacpPartner partner) {
        if (partner == null) partners.remove(member);
        else partners.put(member, partner);
    }

    /** Traffic registered by the simulator (see {@link TrafficFlow}). */
    public List<TrafficFlow> traffic() {
        return List.copyOf(traffic);
    }

    public void addTraffic(TrafficFlow flow) {
        traffic.add(flow);
    }

    public void clearTraffic() {
        traffic.clear();
    }

    /**
     * Deletes rows no longer reachable from the root table through strong references, as ovsdb-server's
     * garbage collection does for non-root tables (Bridge, Port, Interface).
     */
    void collectGarbage() {
        Set<UUID> live = new HashSet<>();
        Deque<OvsRow> todo = new ArrayDeque<>(tables.get("Open_vSwitch").values());
        while (!todo.isEmpty()) {
            OvsRow r = todo.pop();
            if (!live.add(r.uuid())) continue;
            for (OvsSchema.Column c : r.table().columns()) {
                String ref = c.type().key().refTable();
                if (ref == null || !tables.containsKey(ref)) continue;
                for (UUID u : r.refs(c.name())) row(ref, u).ifPresent(todo::push);
            }
        }
        for (String t : List.of("Bridge", "Port", "Interface")) tables.get(t).keySet().removeIf(u -> !live.contains(u));
    }

    /** A deep copy (rows are copied, datums are immutable): the working copy of a transaction. */
    OvsDatabase copy() {
        OvsDatabase c = new OvsDatabase(seed);
        c.nextUuid = nextUuid;
        tables.forEach((t, rows) -> rows.values().forEach(r -> c.tables.get(t).put(r.uuid(), r.copy())));
        c.vswitchd = vswitchd.copy();
        c.partners.putAll(partners);
        c.traffic.addAll(traffic);
        return c;
    }

    /** Whether both hold the same rows with the same values (what a transaction changed, if anything). */
    boolean sameTables(OvsDatabase o) {
        for (String t : OvsSchema.MODELLED) {
            TreeMap<UUID, OvsRow> a = tables.get(t), b = o.tables.get(t);
            if (!a.keySet().equals(b.keySet())) return false;
            for (Map.Entry<UUID, OvsRow> e : a.entrySet()) {
                if (!e.getValue().columns().equals(b.get(e.getKey()).columns())) return false;
            }
        }
        return true;
    }

    /** Takes over another database's rows and counters (commit of a transaction's working copy). */
    void replaceWith(OvsDatabase other) {
        nextUuid = other.nextUuid;
        tables.clear();
        other.tables.forEach((t, rows) -> {
            TreeMap<UUID, OvsRow> m = new TreeMap<>(UUID_ORDER);
            m.putAll(rows);
            tables.put(t, m);
        });
        vswitchd = other.vswitchd;
    }

    // ------------------------------------------------------------------ JSON persistence

    @JsonValue
    public ObjectNode toJson() {
        ObjectNode root = Datum.JSON.objectNode();
        root.put("format", FORMAT);
        root.put("seed", seed);
        root.put("nextUuid", nextUuid);
        ObjectNode ts = root.putObject("tables");
        tables.forEach((t, rows) -> {
            ObjectNode tn = ts.putObject(t);
            rows.values().forEach(r -> {
                ObjectNode rn = tn.putObject(r.uuid().toString());
                r.columns().forEach((c, d) -> rn.set(c, d.toJson()));
            });
        });
        root.set("vswitchd", vswitchd.toJson());
        ObjectNode pn = root.putObject("lacpPartners");
        partners.forEach((m, p) -> pn.set(m, Datum.JSON.pojoNode(p)));
        ArrayNode tr = root.putArray("traffic");
        traffic.forEach(f -> tr.addPOJO(f));
        return root;
    }

    /** Reads what {@link #toJson()} wrote; a malformed document throws IllegalArgumentException naming the problem. */
    @JsonCreator
    public static OvsDatabase fromJson(JsonNode root) {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not an OVS database of the simulated host (expected \"format\": \"" + FORMAT + "\")");
        }
        OvsDatabase db = new OvsDatabase(root.path("seed").asText());
        db.nextUuid = root.path("nextUuid").asLong();
        root.path("tables").properties().forEach(t -> {
            OvsSchema.Table table = OvsSchema.table(t.getKey());
            t.getValue().properties().forEach(r -> {
                OvsRow row = new OvsRow(table, UUID.fromString(r.getKey()));
                r.getValue().properties().forEach(c -> {
                    OvsSchema.Column col = table.column(c.getKey())
                            .orElseThrow(() -> new IllegalArgumentException(table.name() + " has no column " + c.getKey()));
                    row.put(col.name(), Datum.fromJson(c.getValue(), col.type()));
                });
                db.tables.get(table.name()).put(row.uuid(), row);
            });
        });
        db.vswitchd = Vswitchd.fromJson(root.path("vswitchd"));
        root.path("lacpPartners").properties().forEach(p -> {
            JsonNode n = p.getValue();
            db.partners.put(p.getKey(), new LacpPartner(n.path("sysId").asText(), n.path("sysPriority").asInt(), n.path("portId").asInt(),
                    n.path("portPriority").asInt(), n.path("key").asInt(), n.path("active").asBoolean(), n.path("fast").asBoolean(),
                    n.path("lacp").asBoolean()));
        });
        for (JsonNode n : root.path("traffic")) {
            db.traffic.add(new TrafficFlow(n.path("inPort").asText(), n.path("outPort").asText(), n.path("srcMac").asText(),
                    n.path("dstMac").asText(), n.path("packets").asLong(), n.path("bytes").asLong()));
        }
        return db;
    }
}
