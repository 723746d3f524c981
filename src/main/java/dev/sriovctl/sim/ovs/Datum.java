package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An OVSDB value ("datum"): a set of atoms, or a map from atoms to atoms, kept sorted and without duplicate
 * keys as ovsdb-server keeps it (lib/ovsdb-data.c). Atoms are {@link Long}, {@link Double}, {@link Boolean},
 * {@link String} or {@link UUID}. A scalar column holds a one-element set. Immutable.
 */
public final class Datum {
    private final List<Object> keys;
    private final List<Object> values; // null for a set

    private Datum(List<Object> keys, List<Object> values) {
        this.keys = keys;
        this.values = values;
    }

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** OVSDB's atom order: numbers numerically, strings by bytes, UUIDs by their canonical text. */
    public static final Comparator<Object> ATOM_ORDER = (a, b) -> {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        if (a instanceof Double x && b instanceof Double y) return Double.compare(x, y);
        if (a instanceof Boolean x && b instanceof Boolean y) return Boolean.compare(x, y);
        return a.toString().compareTo(b.toString());
    };

    public static Datum emptySet() {
        return new Datum(List.of(), null);
    }

    public static Datum emptyMap() {
        return new Datum(List.of(), List.of());
    }

    public static Datum empty(OvsSchema.ColumnType type) {
        return type.isMap() ? emptyMap() : emptySet();
    }

    /** A one-element set (the value of a scalar column). */
    public static Datum of(Object atom) {
        return new Datum(List.of(check(atom)), null);
    }

    /** A set; duplicates collapse. */
    public static Datum set(Collection<?> atoms) {
        List<Object> l = new ArrayList<>();
        for (Object a : atoms) l.add(check(a));
        l.sort(ATOM_ORDER);
        List<Object> out = new ArrayList<>();
        for (Object a : l) if (out.isEmpty() || ATOM_ORDER.compare(out.get(out.size() - 1), a) != 0) out.add(a);
        return new Datum(Collections.unmodifiableList(out), null);
    }

    /** A map; a later duplicate key wins. */
    public static Datum map(Map<?, ?> pairs) {
        TreeMap<Object, Object> m = new TreeMap<>(ATOM_ORDER);
        pairs.forEach((k, v) -> m.put(check(k), check(v)));
        return new Datum(List.copyOf(m.keySet()), List.copyOf(m.values()));
    }

    private static Object check(Object a) {
        Objects.requireNonNull(a, "atom");
        if (a instanceof Integer i) return i.longValue();
        if (a instanceof Long || a instanceof Double || a instanceof Boolean || a instanceof String || a instanceof UUID) return a;
        throw new IllegalArgumentException("not an OVSDB atom: " + a.getClass().getSimpleName());
    }

    /** The default value of a column type: 0, false, "" or the all-zero UUID for scalars, empty otherwise. */
    public static Datum defaultFor(OvsSchema.ColumnType type) {
        if (type.min() == 0) return empty(type);
        return switch (type.key().kind()) {
            case INTEGER -> of(0L);
            case REAL -> of(0.0);
            case BOOLEAN -> of(false);
            case STRING -> of(type.key().enumValues() == null ? "" : type.key().enumValues().get(0));
            case UUID -> of(new UUID(0, 0));
        };
    }

    public boolean isMap() {
        return values != null;
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The atoms of a set, or the keys of a map, in order. */
    public List<Object> keys() {
        return keys;
    }

    public List<Object> values() {
        return values == null ? List.of() : values;
    }

    /** The only atom, or null when empty. */
    public Object single() {
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** A map as a Java map in key order (keys and values as their text). */
    public Map<String, String> asStringMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i).toString(), values.get(i).toString());
        return m;
    }

    public Object get(Object key) {
        if (values == null) return null;
        for (int i = 0; i < keys.size(); i++) if (ATOM_ORDER.compare(keys.get(i), key) == 0) return values.get(i);
        return null;
    }

    public boolean contains(Object key) {
        for (Object k : keys) if (ATOM_ORDER.compare(k, key) == 0) return true;
        return false;
    }

    /** This map with {@code key} set to {@code value}. */
    public Datum with(Object key, Object value) {
        Map<Object, Object> m = toJavaMap();
        m.put(check(key), check(value));
        return map(m);
    }

    /** Union (for {@code add}); for maps an existing key keeps its value, as OVSDB's "insert" mutation does. */
    public Datum union(Datum other) {
        if (isMap()) {
            Map<Object, Object> m = toJavaMap();
            for (int i = 0; i < other.keys.size(); i++) m.putIfAbsent(other.keys.get(i), other.values.get(i));
            return map(m);
        }
        List<Object> all = new ArrayList<>(keys);
        all.addAll(other.keys);
        return set(all);
    }

    /** Difference (for {@code remove}): for maps, a key-only datum removes those keys, a map removes matching pairs. */
    public Datum minus(Datum other) {
        if (isMap()) {
            Map<Object, Object> m = toJavaMap();
            for (int i = 0; i < other.keys.size(); i++) {
                Object k = other.keys.get(i);
                if (!other.isMap()) {
                    m.keySet().removeIf(x -> ATOM_ORDER.compare(x, k) == 0);
                } else {
                    Object v = other.values.get(i);
                    Object cur = get(k);
                    if (cur != null && ATOM_ORDER.compare(cur, v) == 0) m.keySet().removeIf(x -> ATOM_ORDER.compare(x, k) == 0);
                }
            }
            return map(m);
        }
        List<Object> l = new ArrayList<>(keys);
        l.removeIf(other::contains);
        return set(l);
    }

    private Map<Object, Object> toJavaMap() {
        Map<Object, Object> m = new TreeMap<>(ATOM_ORDER);
        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i), values.get(i));
        return m;
    }

    // ------------------------------------------------------------------ text, as ovs-vsctl prints it

    /** As {@code ovs-vsctl list/get} prints it: {@code {k=v, ...}}, {@code [a, b]}, or a bare atom when the column holds at most one. */
    public String toText(OvsSchema.ColumnType type) {
        StringBuilder sb = new StringBuilder();
        if (isMap()) {
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(atomText(keys.get(i))).append('=').append(atomText(values.get(i)));
            }
            return sb.append('}').toString();
        }
        if (type.max() == 1 && keys.size() == 1) return atomText(keys.get(0));
        sb.append('[');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(atomText(keys.get(i)));
        }
        return sb.append(']').toString();
    }

    /** As {@code --bare} prints it: atoms unquoted, separated by spaces; maps as {@code k=v}. */
    public String toBare() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(bareAtom(keys.get(i)));
            if (isMap()) sb.append('=').append(bareAtom(values.get(i)));
        }
        return sb.toString();
    }

    private static String bareAtom(Object a) {
        return a.toString();
    }

    /** One atom as ovsdb_atom_to_string writes it (strings quoted when they need it). */
    public static String atomText(Object a) {
        if (a instanceof String s) return needsQuotes(s) ? quote(s) : s;
        return a.toString();
    }

    /** lib/ovsdb-data.c string_needs_quotes: not [A-Za-z_][A-Za-z0-9_.-]*, or "true"/"false", or a UUID. */
    static boolean needsQuotes(String s) {
        if (s.isEmpty()) return true;
        char c = s.charAt(0);
        if (!isAlpha(c) && c != '_') return true;
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!isAlpha(ch) && !(ch >= '0' && ch <= '9') && ch != '_' && ch != '-' && ch != '.') return true;
        }
        if (s.equals("true") || s.equals("false")) return true;
        return Uuids.isUuid(s);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A JSON string literal, as OVS writes it (json_string_escape). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------ JSON, as OVSDB writes it

    /** OVSDB JSON: {@code ["map",[[k,v],...]]}, a bare atom for a one-element set, else {@code ["set",[...]]}. */
    public JsonNode toJson() {
        if (isMap()) {
            ArrayNode pairs = JSON.arrayNode();
            for (int i = 0; i < keys.size(); i++) pairs.add(JSON.arrayNode().add(atomJson(keys.get(i))).add(atomJson(values.get(i))));
            return JSON.arrayNode().add("map").add(pairs);
        }
        if (keys.size() == 1) return atomJson(keys.get(0));
        ArrayNode elems = JSON.arrayNode();
        keys.forEach(k -> elems.add(atomJson(k)));
        return JSON.arrayNode().add("set").add(elems);
    }

    static JsonNode atomJson(Object a) {
        if (a instanceof Long l) return JSON.numberNode(l);
        if (a instanceof Double d) return JSON.numberNode(d);
        if (a instanceof Boolean b) return JSON.booleanNode(b);
        if (a instanceof UUID u) return JSON.arrayNode().add("uuid").add(u.toString());
        return JSON.textNode((String) a);
    }

    /** Reads OVSDB JSON written by {@link #toJson()} for a column of the given type. */
    public static Datum fromJson(JsonNode n, OvsSchema.ColumnType type) {
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(0).asText().equals("map")) {
            Map<Object, Object> m = new LinkedHashMap<>();
            n.get(1).forEach(p -> m.put(atomFromJson(p.get(0), type.key()), atomFromJson(p.get(1), type.value())));
            return map(m);
        }
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(0).asText().equals("set")) {
            List<Object> l = new ArrayList<>();
            n.get(1).forEach(x -> l.add(atomFromJson(x, type.key())));
            return type.isMap() ? emptyMap() : set(l);
        }
        return of(atomFromJson(n, type.key()));
    }

    private static Object atomFromJson(JsonNode n, OvsSchema.BaseType base) {
        return switch (base.kind()) {
            case INTEGER -> n.asLong();
            case REAL -> n.asDouble();
            case BOOLEAN -> n.asBoolean();
            case STRING -> n.asText();
            case UUID -> UUID.fromString(n.get(1).asText());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datum d && Objects.equals(keys, d.keys) && Objects.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, values);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
