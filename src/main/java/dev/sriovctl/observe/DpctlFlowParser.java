package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ovs-appctl dpctl/dump-flows -m}. One flow per line (lib/dpif.c {@code format_dpif_flow});
 * header lines of the userspace datapath ({@code flow-dump from the main thread:}, {@code flow-dump from pmd
 * on cpu core: N}), shell prompt lines and blank lines are skipped. An error answer such as
 * {@code ovs-dpctl: Invalid argument 'type'. Use 'ovs-appctl dpctl/dump-flows' instead.} is a
 * {@link ParseException}, never "zero flows".
 */
public final class DpctlFlowParser {
    private DpctlFlowParser() {
    }

    public static List<DatapathFlow> parse(String text) {
        List<DatapathFlow> flows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("flow-dump from") || isPrompt(line)) continue;
            if (line.contains("Invalid argument") || line.startsWith("ovs-dpctl:") || line.startsWith("ovs-appctl:")) {
                throw new ParseException("the command answered with an error: " + line, i + 1, 1);
            }
            int packets = line.indexOf(", packets:");
            if (packets < 0) {
                throw new ParseException("not a datapath flow (no 'packets:' field): " + abbreviate(line), i + 1, 1);
            }
            String head = line.substring(0, packets);
            String ufid = null;
            if (head.startsWith("ufid:")) {
                int comma = head.indexOf(", ");
                ufid = head.substring(5, comma < 0 ? head.length() : comma);
                head = comma < 0 ? "" : head.substring(comma + 2);
            }
            flows.add(fields(ufid, head, line.substring(packets + 2), i + 1));
        }
        return flows;
    }

    private static DatapathFlow fields(String ufid, String match, String tail, int lineNo) {
        long packets = -1, bytes = -1;
        Double used = null;
        String offloaded = null, dp = null, actions = null;
        // Everything after "actions:" is the action list, up to an optional ", dp-extra-info:".
        int a = tail.indexOf("actions:");
        String stats = a < 0 ? tail : tail.substring(0, a);
        if (a >= 0) {
            actions = tail.substring(a + 8);
            int extra = actions.indexOf(", dp-extra-info:");
            if (extra >= 0) actions = actions.substring(0, extra);
        }
        for (String f : stats.split(",\\s*")) {
            int c = f.indexOf(':');
            if (c < 0) continue;
            String k = f.substring(0, c).strip(), v = f.substring(c + 1).strip();
            try {
                switch (k) {
                    case "packets" -> packets = Long.parseLong(v);
                    case "bytes" -> bytes = Long.parseLong(v);
                    case "used" -> used = v.equals("never") ? null : Double.valueOf(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
                    case "offloaded" -> offloaded = v;
                    case "dp" -> dp = v;
                    default -> {
                        // flags:, and fields newer OVS may add
                    }
                }
            } catch (NumberFormatException e) {
                throw new ParseException("'" + f.strip() + "' is not a number", lineNo, 1);
            }
        }
        if (packets < 0 || bytes < 0) throw new ParseException("flow without packets/bytes counters", lineNo, 1);
        return new DatapathFlow(ufid, match, packets, bytes, used, offloaded, dp, actions);
    }

    /** A shell prompt kept in published outputs: {@code root@host:~# cmd}, {@code # ovs-appctl ...}, {@code $ ...}. */
    static boolean isPrompt(String line) {
        return line.startsWith("# ") || line.startsWith("$ ") || line.matches("^\\S+@\\S+[#$] .*");
    }

    /** Splits at {@code sep} outside parentheses. */
    static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth = Math.max(0, depth - 1);
            else if (c == sep && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (start < s.length()) out.add(s.substring(start).strip());
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
