package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Table output of {@code list} and {@code find} (lib/table.c): the default "list" style
 * ({@code %-20s: value} lines, records separated by a blank line), {@code --bare}, {@code -f table}
 * and {@code -f json} ({@code {"data":[[cell,...]],"headings":[...]}}, cells in OVSDB JSON).
 */
final class VsctlTableFormat {
    private VsctlTableFormat() {
    }

    static String format(OvsVsctl.GlobalOptions g, List<VsctlDbCommands.Col> cols, List<OvsRow> rows) {
        return switch (g.format) {
            case "json" -> json(cols, rows);
            case "table" -> table(g, cols, rows);
            default -> list(g, cols, rows);
        };
    }

    private static Datum cell(VsctlDbCommands.Col col, OvsRow r) {
        return col.isUuid() ? Datum.of(r.uuid()) : r.get(col.name());
    }

    private static String text(OvsVsctl.GlobalOptions g, VsctlDbCommands.Col col, OvsRow r) {
        Datum d = cell(col, r);
        if (g.bare) return d.toBare();
        if ("json".equals(g.data)) return d.toJson().toString();
        return d.toText(col.type());
    }

    private static String list(OvsVsctl.GlobalOptions g, List<VsctlDbCommands.Col> cols, List<OvsRow> rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) sb.append('\n');
            for (VsctlDbCommands.Col col : cols) {
                if (!g.bare && !g.noHeadings) sb.append(String.format("%-20s: ", col.name()));
                sb.append(text(g, col, rows.get(i))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String table(OvsVsctl.GlobalOptions g, List<VsctlDbCommands.Col> cols, List<OvsRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        int[] width = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) width[c] = g.noHeadings ? 0 : cols.get(c).name().length();
        for (OvsRow r : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < cols.size(); c++) {
                String t = text(g, cols.get(c), r);
                width[c] = Math.max(width[c], t.length());
                line.add(t);
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        if (!g.noHeadings) {
            List<String> head = new ArrayList<>();
            List<String> dash = new ArrayList<>();
            for (int c = 0; c < cols.size(); c++) {
                head.add(cols.get(c).name());
                dash.add("-".repeat(width[c]));
            }
            sb.append(row(head, width, true)).append(row(dash, width, false));
        }
        for (List<String> line : cells) sb.append(row(line, width, true));
        return sb.toString();
    }

    private static String row(List<String> cells, int[] width, boolean trimLast) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) sb.append(' ');
            boolean last = c == cells.size() - 1;
            sb.append(last && trimLast ? cells.get(c) : String.format("%-" + Math.max(width[c], 1) + "s", cells.get(c)));
        }
        return sb.append('\n').toString();
    }

    private static String json(List<VsctlDbCommands.Col> cols, List<OvsRow> rows) {
        ObjectNode root = Datum.JSON.objectNode();
        ArrayNode data = root.putArray("data");
        for (OvsRow r : rows) {
            ArrayNode line = data.addArray();
            for (VsctlDbCommands.Col col : cols) line.add(cell(col, r).toJson());
        }
        ArrayNode headings = root.putArray("headings");
        cols.forEach(c -> headings.add(c.name()));
        return root.toString() + "\n";
    }
}
