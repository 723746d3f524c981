package dev.sriovctl.spec;

import dev.sriovctl.SourceLocation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a spec was written: field paths ({@code nics[0].ports[1].vfs}) to 1-based
 * line and column, plus the source lines, so any problem found later (even against the inventory)
 * points into the file the way netplan does.
 */
public final class SourceMap {

    private final String file;
    private final List<String> lines;
    private final Map<String, int[]> values = new HashMap<>();
    private final Map<String, int[]> keys = new HashMap<>();

    public SourceMap(String file, String text) {
        this.file = file;
        this.lines = text == null ? List.of() : text.lines().toList();
    }

    public static SourceMap empty(String file) {
        return new SourceMap(file, "");
    }

    public String file() {
        return file;
    }

    void value(String path, int line, int column) {
        values.putIfAbsent(path, new int[]{line, column});
    }

    void key(String path, int line, int column) {
        keys.putIfAbsent(path, new int[]{line, column});
    }

    /**
     * The location of a value, or of its nearest written ancestor ({@code a.b[2].c} falls back to
     * {@code a.b[2]}, then {@code a.b}) so a problem about a missing field points at its parent.
     */
    public SourceLocation location(String path) {
        int[] at = find(values, path);
        return at == null ? SourceLocation.of(file) : new SourceLocation(file, at[0], at[1]);
    }

    /** The location of a key ({@code eswtich:}) rather than its value; falls back to the value. */
    public SourceLocation keyLocation(String path) {
        int[] at = keys.get(path);
        return at == null ? location(path) : new SourceLocation(file, at[0], at[1]);
    }

    /** The text of a 1-based line, or null. */
    public String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    }

    private static int[] find(Map<String, int[]> map, String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            int[] at = map.get(p);
            if (at != null) return at;
            p = parent(p);
        }
        return map.get("");
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
