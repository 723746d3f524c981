package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses udev rules files (udev(7) syntax: comma-separated KEY op "value" pairs, {@code #} comments,
 * backslash line continuation). Exactly the subset sriovctl renders and the guide uses is accepted;
 * anything else is refused with {@code file:line}, because the simulator could not execute it faithfully.
 */
final class UdevRuleParser {
    private UdevRuleParser() {
    }

    private static final Set<String> MATCH_KEYS = Set.of("KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER",
            "DRIVERS", "ACTION", "ATTR", "ATTRS");
    private static final Pattern KEY = Pattern.compile("([A-Za-z_]+)(?:\\{([^}]*)\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*");
    /** Substitutions the simulator understands: $attr{x} (%s{x}), %k ($kernel), and the escapes %% and $$. */
    private static final Pattern SUBST = Pattern.compile("\\$attr\\{[^}]+\\}|%s\\{[^}]+\\}|%k|\\$kernel|%%|\\$\\$|[%$]");

    /** Refusal of a rule line, naming it. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String file, int line, String message) {
            super(file + ":" + line + ": " + message + " (the simulator supports ==, != and globs on KERNEL(S),"
                    + " SUBSYSTEM(S), DRIVER(S), ACTION, ATTR{}, ATTRS{}; assignments NAME=, NAME:=, ATTR{}=, RUN+=;"
                    + " substitutions $attr{} and %k)", null, false, false);
        }
    }

    static List<UdevRule> parse(String file, String text) {
        List<UdevRule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder sb = new StringBuilder(lines[i]);
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < lines.length) {
                sb.setLength(sb.length() - 1);
                sb.append(lines[++i]);
            }
            String line = sb.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            rules.add(parseLine(file, first, line));
        }
        return rules;
    }

    private static UdevRule parseLine(String file, int lineNo, String line) {
        List<UdevRule.Token> tokens = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < line.length() && (line.charAt(pos) == ',' || Character.isWhitespace(line.charAt(pos)))) pos++;
            if (pos >= line.length()) break;
            Matcher m = KEY.matcher(line);
            m.region(pos, line.length());
            if (!m.lookingAt()) throw new Refused(file, lineNo, "cannot read a key at '" + abbreviate(line.substring(pos)) + "'");
            String key = m.group(1);
            String attr = m.group(2);
            String op = m.group(3);
            pos = m.end();
            boolean escaped = false;
            if (pos < line.length() && line.charAt(pos) == 'e' && pos + 1 < line.length() && line.charAt(pos + 1) == '"') {
                escaped = true;
            }
            if (escaped || pos >= line.length() || line.charAt(pos) != '"') {
                throw new Refused(file, lineNo, "the value of " + key + " must be a plain double-quoted string");
            }
            int end = pos + 1;
            StringBuilder value = new StringBuilder();
            while (end < line.length() && line.charAt(end) != '"') {
                char c = line.charAt(end);
                if (c == '\\' && end + 1 < line.length() && (line.charAt(end + 1) == '"' || line.charAt(end + 1) == '\\')) {
                    value.append(line.charAt(end + 1));
                    end += 2;
                    continue;
                }
                value.append(c);
                end++;
            }
            if (end >= line.length()) throw new Refused(file, lineNo, "unterminated value of " + key);
            pos = end + 1;
            tokens.add(check(file, lineNo, new UdevRule.Token(key, attr, op, value.toString())));
        }
        if (tokens.isEmpty()) throw new Refused(file, lineNo, "empty rule");
        return new UdevRule(file, lineNo, tokens);
    }

    private static UdevRule.Token check(String file, int line, UdevRule.Token t) {
        String key = t.key();
        boolean hasAttr = key.equals("ATTR") || key.equals("ATTRS");
        if (hasAttr && (t.attr() == null || t.attr().isEmpty())) throw new Refused(file, line, key + " needs {attribute}");
        if (!hasAttr && t.attr() != null) throw new Refused(file, line, "unsupported key " + key + "{" + t.attr() + "}");
        boolean match = t.op().equals("==") || t.op().equals("!=");
        if (match) {
            if (!MATCH_KEYS.contains(key)) throw new Refused(file, line, "unsupported match key " + key + t.op());
        } else if (key.equals("NAME")) {
            // NAME:= is final (udev-rules.c: "disallow any later changes"); sriovctl renders it
            if (!t.op().equals("=") && !t.op().equals(":=")) throw new Refused(file, line, "unsupported operator " + key + t.op());
        } else if (key.equals("ATTR")) {
            if (!t.op().equals("=")) throw new Refused(file, line, "unsupported operator " + key + t.op());
        } else if (key.equals("RUN")) {
            if (!t.op().equals("+=") && !t.op().equals("=")) throw new Refused(file, line, "unsupported operator RUN" + t.op());
        } else {
            throw new Refused(file, line, "unsupported key " + key + t.op());
        }
        if (!match) checkSubstitutions(file, line, key, t.value());
        if (key.equals("RUN") && t.value().strip().isEmpty()) throw new Refused(file, line, "RUN with no program");
        return t;
    }

    private static void checkSubstitutions(String file, int line, String key, String value) {
        Matcher m = SUBST.matcher(value);
        while (m.find()) {
            String s = m.group();
            if (s.equals("%") || s.equals("$")) {
                throw new Refused(file, line, "unsupported substitution in " + key + " at '" + abbreviate(value.substring(m.start())) + "'");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
