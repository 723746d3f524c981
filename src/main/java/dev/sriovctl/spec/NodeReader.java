package dev.sriovctl.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed values out of SnakeYAML nodes, recording where each was written and collecting
 * every problem instead of stopping at the first. Values are read from the node text, never
 * through YAML 1.1's implicit typing (so {@code on} is not a boolean and {@code 10:22:33:44:55:66}
 * is not a base-60 number).
 */
final class NodeReader {

    private final SourceMap sources;
    private final List<SpecProblem> problems = new ArrayList<>();

    NodeReader(SourceMap sources) {
        this.sources = sources;
    }

    List<SpecProblem> problems() {
        return problems;
    }

    void error(String path, String message, String hint) {
        problems.add(SpecProblem.at(sources, Severity.ERROR, path, false, message, hint));
    }

    void keyError(String path, String message, String hint) {
        problems.add(SpecProblem.at(sources, Severity.ERROR, path, true, message, hint));
    }

    /** Records where a node is, under a path. */
    void mark(String path, Node node) {
        sources.value(path, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equalsIgnoreCase("null")));
    }

    /**
     * The fields of a mapping, by key; unknown keys and duplicates are reported (with a "did you
     * mean" for near misses). Returns null when the node is not a mapping.
     */
    Map<String, Node> fields(Node node, String path, String what, List<String> allowed) {
        mark(path, node);
        if (!(node instanceof MappingNode m)) {
            error(path, what + " must be a mapping of keys", "valid keys: " + String.join(", ", allowed));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            String at = key == null ? path : join(path, key);
            if (key != null) {
                sources.key(at, t.getKeyNode().getStartMark().getLine() + 1, t.getKeyNode().getStartMark().getColumn() + 1);
            }
            if (key == null) {
                mark(path + ".?", t.getKeyNode());
                error(path + ".?", "a key in " + what + " must be a plain word", "valid keys: " + String.join(", ", allowed));
                continue;
            }
            if (!allowed.contains(key)) {
                String near = nearest(key, allowed);
                keyError(at, "unknown key '" + key + "' in " + what
                        + (near == null ? "" : "; did you mean '" + near + "'?"), "valid keys: " + String.join(", ", allowed));
                continue;
            }
            if (out.containsKey(key)) {
                String dup = at + "#again";
                sources.key(dup, t.getKeyNode().getStartMark().getLine() + 1, t.getKeyNode().getStartMark().getColumn() + 1);
                keyError(dup, "'" + key + "' is given twice in " + what, "keep one of them");
                continue;
            }
            mark(at, t.getValueNode());
            out.put(key, t.getValueNode());
        }
        return out;
    }

    void require(Map<String, Node> fields, String path, String key, String what, String hint) {
        if (fields != null && isNull(fields.get(key))) {
            error(path, what + " needs '" + key + "'", hint);
        }
    }

    /** The items of a sequence (a single scalar is not accepted: lists are written as lists). */
    List<Node> items(Node node, String path, String what) {
        if (isNull(node)) return List.of();
        if (!(node instanceof SequenceNode s)) {
            error(path, what + " must be a list", "write it as [a, b] or one '- item' per line");
            return List.of();
        }
        List<Node> out = s.getValue();
        for (int i = 0; i < out.size(); i++) mark(path + "[" + i + "]", out.get(i));
        return out;
    }

    String string(Node node, String path, String what) {
        if (isNull(node)) return null;
        if (!(node instanceof ScalarNode s)) {
            error(path, what + " must be a single value", null);
            return null;
        }
        return s.getValue();
    }

    List<String> strings(Node node, String path, String what) {
        List<String> out = new ArrayList<>();
        List<Node> items = items(node, path, what);
        for (int i = 0; i < items.size(); i++) {
            String v = string(items.get(i), path + "[" + i + "]", what + " entry");
            if (v != null) out.add(v);
        }
        return out;
    }

    Integer integer(Node node, String path, String what, int min, int max, String unitHint) {
        String text = string(node, path, what);
        if (text == null) return null;
        if (!text.matches("[0-9]{1,9}")) {
            error(path, what + " must be a whole number, not '" + text + "'",
                    "valid: " + min + " to " + max + (unitHint == null ? "" : " (" + unitHint + ")"));
            return null;
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            error(path, what + " " + v + " is out of range", "valid: " + min + " to " + max
                    + (unitHint == null ? "" : " (" + unitHint + ")"));
            return null;
        }
        return v;
    }

    Boolean bool(Node node, String path, String what) {
        String text = string(node, path, what);
        if (text == null) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                error(path, what + " must be true or false, not '" + text + "'", "valid: true, false");
                yield null;
            }
        };
    }

    /** One word of a closed set. */
    <E> E choice(Node node, String path, String what, Map<String, E> words) {
        String text = string(node, path, what);
        if (text == null) return null;
        E v = words.get(text);
        if (v == null) {
            String near = nearest(text, new ArrayList<>(words.keySet()));
            error(path, what + " '" + text + "' is not valid" + (near == null ? "" : "; did you mean '" + near + "'?"),
                    "valid: " + String.join(", ", words.keySet()));
        }
        return v;
    }

    /** A string map ({@code other-config}). */
    Map<String, String> stringMap(Node node, String path, String what, Function<String, String> keyProblem) {
        Map<String, String> out = new LinkedHashMap<>();
        if (isNull(node)) return out;
        if (!(node instanceof MappingNode m)) {
            error(path, what + " must be a mapping of keys to values", null);
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            String at = join(path, key == null ? "?" : key);
            mark(at, t.getValueNode());
            sources.key(at, t.getKeyNode().getStartMark().getLine() + 1, t.getKeyNode().getStartMark().getColumn() + 1);
            String why = key == null ? "keys must be plain words" : keyProblem.apply(key);
            if (why != null) {
                keyError(at, what + ": " + why, null);
                continue;
            }
            String v = string(t.getValueNode(), at, what + " value");
            if (v != null) out.put(key, v);
        }
        return out;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The closest allowed word within a small edit distance, or null. */
    static String nearest(String word, List<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(word.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        return bestD <= limit ? best : null;
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
