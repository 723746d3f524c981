package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of a modelled OVSDB table: its UUID and a value for every column of the schema (defaults
 * filled in). Mutable; changes go through {@link OvsDatabase} transactions in {@link OvsVsctl}.
 */
public final class OvsRow {
    private final OvsSchema.Table table;
    private final UUID uuid;
    private final Map<String, Datum> columns = new LinkedHashMap<>();

    OvsRow(OvsSchema.Table table, UUID uuid) {
        this.table = table;
        this.uuid = uuid;
        for (OvsSchema.Column c : table.columns()) columns.put(c.name(), Datum.defaultFor(c.type()));
    }

    OvsRow copy() {
        OvsRow r = new OvsRow(table, uuid);
        r.columns.putAll(columns);
        return r;
    }

    public OvsSchema.Table table() {
        return table;
    }

    public UUID uuid() {
        return uuid;
    }

    public Datum get(String column) {
        Datum d = columns.get(column);
        if (d == null) throw new IllegalArgumentException(table.name() + " has no column " + column);
        return d;
    }

    public void put(String column, Datum value) {
        if (!columns.containsKey(column)) throw new IllegalArgumentException(table.name() + " has no column " + column);
        columns.put(column, value);
    }

    /** A string column's value ({@code name}, {@code type}, {@code bond_mode}...), or null when empty. */
    public String string(String column) {
        Object v = get(column).single();
        return v == null ? null : v.toString();
    }

    public Long integer(String column) {
        Object v = get(column).single();
        return v instanceof Long l ? l : null;
    }

    public boolean bool(String column) {
        return Boolean.TRUE.equals(get(column).single());
    }

    /** A map column as strings (other_config, external_ids, options...). */
    public Map<String, String> map(String column) {
        return get(column).asStringMap();
    }

    /** The UUIDs a reference column holds, in order. */
    public List<UUID> refs(String column) {
        List<UUID> out = new ArrayList<>();
        for (Object o : get(column).keys()) if (o instanceof UUID u) out.add(u);
        return out;
    }

    public String name() {
        return columns.containsKey("name") ? string("name") : null;
    }

    Map<String, Datum> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return table.name() + " " + (name() != null ? name() : uuid);
    }
}
