package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The database commands ovs-vsctl shares with the other ctl tools (lib/db-ctl-base.c): get, set, add,
 * remove, clear, list, find, on the four modelled tables; tables and columns are matched case-insensitively
 * by unique prefix, records by name, "." (Open_vSwitch) or UUID (or a UUID prefix of at least 4 digits).
 */
final class VsctlDbCommands {
    private VsctlDbCommands() {
    }

    /** A column of a modelled table, or the pseudo-column _uuid (type null). */
    record Col(String name, OvsSchema.Column column) {
        boolean isUuid() {
            return column == null;
        }

        OvsSchema.ColumnType type() {
            return column == null ? OvsSchema.parseType("uuid") : column.type();
        }
    }

    /** db-ctl-base score_partial_match: exact, then equal ignoring case and -/_, then the longest prefix; 0 = no match. */
    static long score(String name, String s) {
        if (name.equals(s)) return Long.MAX_VALUE;
        int i = 0;
        for (; ; i++) {
            char a = i < name.length() ? fold(name.charAt(i)) : 0;
            char b = i < s.length() ? fold(s.charAt(i)) : 0;
            if (a != b) break;
            if (a == 0) return Long.MAX_VALUE - 1;
        }
        return i >= s.length() ? i : 0;
    }

    private static char fold(char c) {
        return c == '-' ? '_' : Character.toLowerCase(c);
    }

    /** The best-scoring name, null when none matches; throws {@code ambiguous} when the best score is shared. */
    private static String best(List<String> names, String s, java.util.function.Function<List<String>, VsctlError> ambiguous) {
        long bestScore = 0;
        List<String> bestNames = new ArrayList<>();
        for (String n : names) {
            long sc = score(n, s);
            if (sc == 0) continue;
            if (sc > bestScore) {
                bestScore = sc;
                bestNames.clear();
                bestNames.add(n);
            } else if (sc == bestScore) {
                bestNames.add(n);
            }
        }
        if (bestNames.size() > 1) throw ambiguous.apply(bestNames);
        return bestNames.isEmpty() ? null : bestNames.get(0);
    }

    static OvsSchema.Table table(String name) {
        List<String> all = new ArrayList<>(OvsSchema.ALL_TABLES);
        all.sort(String::compareTo);
        String t = best(all, name, m -> new VsctlError("\"" + name + "\" matches multiple table names: " + String.join(", ", m)));
        if (t == null) throw new VsctlError("unknown table \"" + name + "\"");
        if (!OvsSchema.isModelled(t)) throw new VsctlError("table " + t + " is not modelled by the sriovctl simulation");
        return OvsSchema.table(t);
    }

    static Col column(OvsSchema.Table table, String name) {
        List<String> all = new ArrayList<>();
        all.add("_uuid");
        table.columns().forEach(c -> all.add(c.name()));
        String c = best(all, name, m -> new VsctlError(table.name() + " contains more than one column whose name matches \"" + name
                + "\": " + String.join(", ", m)));
        if (c == null) throw new VsctlError(table.name() + " does not contain a column whose name matches \"" + name + "\"");
        return new Col(c, c.equals("_uuid") ? null : table.column(c).orElseThrow());
    }

    static Optional<OvsRow> row(VsctlContext c, OvsSchema.Table table, String id, boolean mustExist) {
        List<OvsRow> rows = c.db.rows(table.name());
        OvsRow found = null;
        if (Uuids.isUuid(id)) {
            UUID u = UUID.fromString(id);
            found = rows.stream().filter(r -> r.uuid().equals(u)).findFirst().orElse(null);
        }
        if (found == null) {
            if (!table.name().equals("Open_vSwitch")) {
                found = rows.stream().filter(r -> id.equals(r.name())).findFirst().orElse(null);
            }
            // "." names the only row of a table (ctl_get_row)
            if (found == null && id.equals(".") && rows.size() == 1) found = rows.get(0);
        }
        if (found == null && id.length() >= 4 && id.matches("[0-9a-fA-F-]+")) {
            List<OvsRow> prefix = rows.stream().filter(r -> r.uuid().toString().startsWith(id.toLowerCase(Locale.ROOT))).toList();
            if (prefix.size() > 1) throw new VsctlError(id + " matches multiple records in table " + table.name());
            if (prefix.size() == 1) found = prefix.get(0);
        }
        if (found == null && mustExist) throw new VsctlError("no row \"" + id + "\" in table " + table.name());
        return Optional.ofNullable(found);
    }

    /** parse_column_key_value: "col", "col:key", and with {@code operators} "col[:key]OPvalue". */
    record ColumnKeyValue(Col column, String key, String operator, String value) {
    }

    static ColumnKeyValue parseColumnKeyValue(OvsSchema.Table table, String arg, List<String> operators) {
        DatumParser.Cursor cur = new DatumParser.Cursor(arg);
        String colName = DatumParser.token(cur);
        if (colName.isEmpty()) throw new VsctlError(arg + ": missing column name");
        Col col = column(table, colName);
        String key = null;
        if (cur.peek() == ':') {
            cur.p++;
            key = DatumParser.token(cur);
        }
        if (operators == null) {
            if (!cur.end()) throw new VsctlError(arg + ": trailing garbage \"" + cur.rest() + "\" in argument");
            return new ColumnKeyValue(col, key, null, null);
        }
        String rest = cur.rest();
        String best = null;
        for (String op : operators) {
            if ((best == null || op.length() > best.length()) && rest.startsWith(op) && rest.length() > op.length()) best = op;
        }
        if (best == null) {
            StringBuilder ops = new StringBuilder();
            for (int i = 0; i < operators.size(); i++) {
                if (i > 0) ops.append(i == operators.size() - 1 ? (operators.size() > 2 ? ", or " : " or ") : ", ");
                ops.append('"').append(operators.get(i)).append('"');
            }
            throw new VsctlError(arg + ": argument does not end in " + ops + " followed by a value.");
        }
        return new ColumnKeyValue(col, key, best, rest.substring(best.length()));
    }

    private static void checkMutable(OvsSchema.Table table, Col col) {
        if (col.isUuid() || !col.column().mutable()) {
            throw new VsctlError("cannot modify read-only column " + col.name() + " in table " + table.name());
        }
    }

    /** ctl_set_column: one "col[:key]=value" applied to a row. */
    static void setColumn(VsctlContext c, OvsRow row, String arg) {
        OvsSchema.Table table = row.table();
        ColumnKeyValue ckv = parseColumnKeyValue(table, arg, List.of("="));
        checkMutable(table, ckv.column());
        OvsSchema.ColumnType type = ckv.column().type();
        if (ckv.key() != null) {
            if (!type.isMap()) throw new VsctlError("cannot specify key to set for non-map column " + ckv.column().name());
            Object k = DatumParser.atoms(ckv.key(), type.key(), false).get(0);
            Object v = DatumParser.atom(ckv.value(), type.value());
            row.put(ckv.column().name(), row.get(ckv.column().name()).with(k, v));
        } else {
            row.put(ckv.column().name(), DatumParser.datum(ckv.value(), type));
        }
    }

    static void set(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        Optional<OvsRow> row = row(c, table, c.arg(2), !c.has("--if-exists"));
        if (row.isEmpty()) return;
        for (int i = 3; i < c.args.size(); i++) setColumn(c, row.get(), c.arg(i));
    }

    static void get(VsctlContext c) {
        if (c.has("--id")) throw new VsctlError("--id is not modelled by the sriovctl simulation");
        OvsSchema.Table table = table(c.arg(1));
        Optional<OvsRow> row = row(c, table, c.arg(2), !c.has("--if-exists"));
        if (row.isEmpty()) return;
        for (int i = 3; i < c.args.size(); i++) {
            ColumnKeyValue ckv = parseColumnKeyValue(table, c.arg(i), null);
            Col col = ckv.column();
            Datum d = col.isUuid() ? Datum.of(row.get().uuid()) : row.get().get(col.name());
            if (ckv.key() != null) {
                if (!col.type().isMap()) throw new VsctlError("cannot specify key to get for non-map column " + col.name());
                Object k = DatumParser.atoms(ckv.key(), col.type().key(), false).get(0);
                Object v = d.get(k);
                if (v == null) {
                    if (c.has("--if-exists")) {
                        c.out.append('\n');
                        continue;
                    }
                    throw new VsctlError("no key \"" + ckv.key() + "\" in " + table.name() + " record \"" + c.arg(2) + "\" column "
                            + col.name());
                }
                c.out.append(Datum.atomText(v)).append('\n');
            } else {
                c.out.append(d.toText(col.type())).append('\n');
            }
        }
    }

    static void add(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        Optional<OvsRow> row = row(c, table, c.arg(2), !c.has("--if-exists"));
        if (row.isEmpty()) return;
        Col col = column(table, c.arg(3));
        checkMutable(table, col);
        OvsSchema.ColumnType t = col.type();
        OvsSchema.ColumnType unlimited = new OvsSchema.ColumnType(t.key(), t.value(), 0, Integer.MAX_VALUE);
        Datum d = row.get().get(col.name());
        for (int i = 4; i < c.args.size(); i++) d = d.union(DatumParser.datum(c.arg(i), unlimited));
        row.get().put(col.name(), d);
    }

    static void remove(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        Optional<OvsRow> row = row(c, table, c.arg(2), !c.has("--if-exists"));
        if (row.isEmpty()) return;
        Col col = column(table, c.arg(3));
        checkMutable(table, col);
        OvsSchema.ColumnType t = col.type();
        OvsSchema.ColumnType unlimited = new OvsSchema.ColumnType(t.key(), t.value(), 0, Integer.MAX_VALUE);
        Datum d = row.get().get(col.name());
        for (int i = 4; i < c.args.size(); i++) {
            Datum rm;
            try {
                rm = DatumParser.datum(c.arg(i), unlimited);
            } catch (VsctlError e) {
                if (!t.isMap()) throw e;
                rm = DatumParser.datum(c.arg(i), new OvsSchema.ColumnType(t.key(), null, 0, Integer.MAX_VALUE));
            }
            d = d.minus(rm);
        }
        if (d.size() < t.min()) {
            throw new VsctlError("\"remove\" operation would put " + d.size() + " " + (t.isMap() ? "pairs" : "values") + " in column "
                    + col.name() + " of table " + table.name() + " but the minimum number is " + t.min());
        }
        row.get().put(col.name(), d);
    }

    static void clear(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        Optional<OvsRow> row = row(c, table, c.arg(2), !c.has("--if-exists"));
        if (row.isEmpty()) return;
        for (int i = 3; i < c.args.size(); i++) {
            Col col = column(table, c.arg(i));
            checkMutable(table, col);
            if (col.type().min() > 0) {
                throw new VsctlError("\"clear\" operation cannot be applied to column " + col.name() + " of table " + table.name()
                        + ", which is not allowed to be empty");
            }
            row.get().put(col.name(), Datum.empty(col.type()));
        }
    }

    static void list(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        List<Col> cols = columns(c, table);
        List<OvsRow> rows = new ArrayList<>();
        if (c.args.size() > 2) {
            for (int i = 2; i < c.args.size(); i++) row(c, table, c.arg(i), !c.has("--if-exists")).ifPresent(rows::add);
        } else {
            rows.addAll(c.db.rows(table.name()));
        }
        c.out.append(VsctlTableFormat.format(c.global, cols, rows));
    }

    static void find(VsctlContext c) {
        OvsSchema.Table table = table(c.arg(1));
        List<Col> cols = columns(c, table);
        List<String> ops = List.of("=", "!=", "<", ">", "<=", ">=", "{=}", "{!=}", "{<}", "{>}", "{<=}", "{>=}", "{in}", "{not-in}");
        List<ColumnKeyValue> conds = new ArrayList<>();
        for (int i = 2; i < c.args.size(); i++) {
            ColumnKeyValue ckv = parseColumnKeyValue(table, c.arg(i), ops);
            if (!ckv.operator().equals("=") && !ckv.operator().equals("!=")) {
                throw new VsctlError("find with operator " + ckv.operator() + " is not modelled by the sriovctl simulation");
            }
            conds.add(ckv);
        }
        List<OvsRow> rows = new ArrayList<>();
        for (OvsRow r : c.db.rows(table.name())) {
            boolean all = true;
            for (ColumnKeyValue ckv : conds) all &= matches(r, ckv);
            if (all) rows.add(r);
        }
        c.out.append(VsctlTableFormat.format(c.global, cols, rows));
    }

    private static boolean matches(OvsRow r, ColumnKeyValue ckv) {
        Col col = ckv.column();
        Datum have = col.isUuid() ? Datum.of(r.uuid()) : r.get(col.name());
        boolean eq;
        if (ckv.key() != null) {
            if (!col.type().isMap()) throw new VsctlError("cannot specify key to check for non-map column " + col.name());
            Object k = DatumParser.atoms(ckv.key(), col.type().key(), false).get(0);
            Object v = have.get(k);
            Datum want = DatumParser.datum(ckv.value(), new OvsSchema.ColumnType(col.type().value(), null, 0, Integer.MAX_VALUE));
            eq = want.equals(v == null ? Datum.emptySet() : Datum.of(v));
        } else {
            OvsSchema.ColumnType t = col.type();
            eq = DatumParser.datum(ckv.value(), new OvsSchema.ColumnType(t.key(), t.value(), 0, Integer.MAX_VALUE)).equals(have);
        }
        return ckv.operator().equals("=") == eq;
    }

    private static List<Col> columns(VsctlContext c, OvsSchema.Table table) {
        String spec = c.options.containsKey("--columns") ? c.options.get("--columns") : c.global.columns;
        List<Col> cols = new ArrayList<>();
        if (spec == null) {
            cols.add(new Col("_uuid", null));
            table.columns().forEach(col -> cols.add(new Col(col.name(), col)));
        } else {
            for (String n : spec.split(",")) cols.add(column(table, n.trim()));
        }
        return cols;
    }
}
