package dev.sriovctl.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code ovs-vsctl --format=json --data=json list TABLE}: {@code {"data":[[cell,...],...],"headings":[...]}}
 * with OVSDB cells ({@code ["uuid",u]}, {@code ["set",[...]]}, {@code ["map",[[k,v],...]]} or a bare atom;
 * a one-element set is written as the bare element). Each row becomes a map from column to a plain value:
 * String, Long, Boolean, a List (set) or a Map (map); UUIDs become their string.
 */
public final class OvsdbTableParser {
    private OvsdbTableParser() {
    }

    /** One row of a table. Accessors tolerate absent columns and OVSDB's empty-set "null". */
    public record Row(Map<String, Object> columns) {

        public String string(String column) {
            Object v = columns.get(column);
            if (v instanceof List<?> l) return l.isEmpty() ? null : String.valueOf(l.get(0));
            return v == null ? null : String.valueOf(v);
        }

        public Integer integer(String column) {
            Object v = columns.get(column);
            if (v instanceof List<?> l) v = l.isEmpty() ? null : l.get(0);
            return v instanceof Number n ? n.intValue() : null;
        }

        public Boolean bool(String column) {
            Object v = columns.get(column);
            return v instanceof Boolean b ? b : null;
        }

        /** A set column (a bare atom counts as a set of one). */
        public List<String> set(String column) {
            Object v = columns.get(column);
            if (v == null) return List.of();
            if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
            return List.of(String.valueOf(v));
        }

        @SuppressWarnings("unchecked")
        public Map<String, String> map(String column) {
            Object v = columns.get(column);
            if (!(v instanceof Map<?, ?> m)) return Map.of();
            Map<String, String> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
            return out;
        }
    }

    public static List<Row> parse(String text) {
        JsonNode root = JsonTreeParser.parse(text);
        if (!root.has("data") || !root.has("headings")) {
            throw new ParseException("expected {\"data\": [...], \"headings\": [...]} from ovs-vsctl --format=json", 1, 1);
        }
        List<String> headings = new ArrayList<>();
        root.get("headings").forEach(h -> headings.add(h.asText()));
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root.get("data")) {
            Map<String, Object> cols = new LinkedHashMap<>();
            for (int i = 0; i < headings.size() && i < r.size(); i++) cols.put(headings.get(i), cell(r.get(i)));
            rows.add(new Row(cols));
        }
        return rows;
    }

    private static Object cell(JsonNode n) {
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual()) {
            String tag = n.get(0).asText();
            JsonNode v = n.get(1);
            switch (tag) {
                case "uuid", "named-uuid":
                    return v.asText();
                case "set": {
                    List<Object> l = new ArrayList<>();
                    v.forEach(x -> l.add(cell(x)));
                    return l;
                }
                case "map": {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    v.forEach(pair -> m.put(cell(pair.get(0)), cell(pair.get(1))));
                    return m;
                }
                default:
                    break;
            }
        }
        if (n.isBoolean()) return n.asBoolean();
        if (n.isIntegralNumber()) return n.asLong();
        if (n.isNumber()) return n.asDouble();
        if (n.isNull()) return null;
        return n.asText();
    }
}
