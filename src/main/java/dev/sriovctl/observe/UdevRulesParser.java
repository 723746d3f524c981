package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a udev rules file (udev(7)): one rule per line, {@code \} at the end of a line continues it,
 * {@code #} starts a comment line; each key is {@code NAME[{attr}] OP "value"} with OP one of
 * {@code == != = += -= :=}, keys separated by commas. Text that is not a key is ignored (udev logs and
 * skips it too).
 */
public final class UdevRulesParser {
    private UdevRulesParser() {
    }

    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z_]+)(?:\\{([^}]*)\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static List<UdevRule> parse(String file, String text) {
        List<UdevRule> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (pending == null) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                pending = new StringBuilder();
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            UdevRule r = rule(file, start, pending.toString());
            if (!r.keys().isEmpty()) out.add(r);
            pending = null;
        }
        if (pending != null) {
            UdevRule r = rule(file, start, pending.toString());
            if (!r.keys().isEmpty()) out.add(r);
        }
        return out;
    }

    private static UdevRule rule(String file, int line, String text) {
        List<UdevRule.Key> keys = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) keys.add(new UdevRule.Key(m.group(1), m.group(2), m.group(3), m.group(4)));
        return new UdevRule(file, line, keys);
    }

    /**
     * udev's shell-style pattern match ({@code *}, {@code ?}, {@code [a-z]}, {@code |} alternatives), as
     * {@code ATTR{phys_port_name}!="p[0-9]*"} uses it.
     */
    public static boolean globMatches(String pattern, String value) {
        for (String alt : pattern.split("\\|", -1)) {
            if (Pattern.matches(globToRegex(alt), value)) return true;
        }
        return false;
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        sb.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, end);
                        if (set.startsWith("!")) set = "^" + set.substring(1);
                        sb.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
