package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a udev rules file (udev(7)): one rule per logical line, {@code \} at the end of a line continues it,
 * {@code #} starts a comment line; each key is {@code NAME[{attr}] OP "value"} with OP one of
 * {@code == != = += -= :=}, keys separated by commas. The grammar follows systemd's udev-rules.c
 * (udev_rules_parse_file: continuation lines are joined without a separator, their leading blanks dropped;
 * udev_rule_parse_value: in a plain "..." value only {@code \"} is an escape). {@link #parse} is lenient, as
 * doctor needs it: text that is not a key ends the rule's keys (udev logs "Invalid key/value pair" and goes on
 * with the next line). The simulated host's udev, which must refuse what it cannot execute, reads the same
 * lines through {@link #lines} and {@link #scan} and checks where reading stopped.
 */
public final class UdevRulesParser {
    private UdevRulesParser() {
    }

    private static final Pattern KEY = Pattern.compile("([A-Za-z_]+)(?:\\{([^}]*)\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*");
    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();

    /** A logical rule line: the text with continuations joined, and the 1-based number of its first line. */
    public record Line(int number, String text) {
    }

    /**
     * The keys read from a rule line, in order; {@code unreadAt} is the offset of the first text that is not a
     * key (a missing quote, an {@code e"..."} string, junk), or -1 when the whole line was read.
     */
    public record Scan(List<UdevRule.Key> keys, int unreadAt) {
        public Scan {
            keys = List.copyOf(keys);
        }
    }

    public static List<UdevRule> parse(String file, String text) {
        List<UdevRule> out = new ArrayList<>();
        for (Line l : lines(text)) {
            Scan s = scan(l.text());
            if (!s.keys().isEmpty()) out.add(new UdevRule(file, l.number(), s.keys()));
        }
        return out;
    }

    /** The rule lines of a file: comments and blank lines dropped, continuations joined. */
    public static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            int first = i + 1;
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            StringBuilder sb = new StringBuilder(line);
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < raw.length) {
                sb.setLength(sb.length() - 1);
                sb.append(raw[++i].stripLeading());
                while (sb.length() > 0 && Character.isWhitespace(sb.charAt(sb.length() - 1))) sb.setLength(sb.length() - 1);
            }
            out.add(new Line(first, sb.toString()));
        }
        return out;
    }

    /** Reads the keys of one rule line, stopping at the first text that is not a key. */
    public static Scan scan(String line) {
        List<UdevRule.Key> keys = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < line.length() && (line.charAt(pos) == ',' || Character.isWhitespace(line.charAt(pos)))) pos++;
            if (pos >= line.length()) return new Scan(keys, -1);
            Matcher m = KEY.matcher(line);
            m.region(pos, line.length());
            if (!m.lookingAt() || m.end() >= line.length() || line.charAt(m.end()) != '"') return new Scan(keys, pos);
            StringBuilder value = new StringBuilder();
            int end = m.end() + 1;
            while (end < line.length() && line.charAt(end) != '"') {
                char c = line.charAt(end);
                if (c == '\\' && end + 1 < line.length() && line.charAt(end + 1) == '"') {
                    value.append('"');
                    end += 2;
                    continue;
                }
                value.append(c);
                end++;
            }
            if (end >= line.length()) return new Scan(keys, pos);
            keys.add(new UdevRule.Key(m.group(1), m.group(2), m.group(3), value.toString()));
            pos = end + 1;
        }
    }

    /**
     * udev's value matching (udev-rules.c token_match_string): {@code |} separates alternatives, each an
     * fnmatch(3) pattern with {@code *}, {@code ?}, {@code [...]} ({@code [!...]} negated) and {@code \}
     * escapes; an empty pattern matches the empty value. {@code ATTR{phys_port_name}!="p[0-9]*"} uses it.
     */
    public static boolean globMatches(String pattern, String value) {
        if (pattern.isEmpty()) return value.isEmpty();
        for (String alt : pattern.split("\\|", -1)) {
            if (GLOBS.computeIfAbsent(alt, UdevRulesParser::compile).matcher(value).matches()) return true;
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                        continue;
                    }
                    String body = glob.substring(i + 1, end);
                    if (body.startsWith("!")) body = "^" + body.substring(1);
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
