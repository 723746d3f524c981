package dev.sriovctl.sim;

import dev.sriovctl.observe.UdevRulesParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses udev rules files for the simulated udev. The lines and keys are read by the shared udev(7) grammar
 * ({@link UdevRulesParser}, which doctor uses too); on top of it, exactly the subset sriovctl renders and the
 * guide uses is accepted, and anything else is refused with {@code file:line}, because the simulator could not
 * execute it faithfully.
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
        for (UdevRulesParser.Line l : UdevRulesParser.lines(text)) rules.add(parseLine(file, l.number(), l.text()));
        return rules;
    }

    /** One rule line, read by the shared udev(7) grammar; text it cannot read is refused, not skipped. */
    private static UdevRule parseLine(String file, int lineNo, String line) {
        UdevRulesParser.Scan scan = UdevRulesParser.scan(line);
        if (scan.unreadAt() >= 0) throw new Refused(file, lineNo, unreadable(line.substring(scan.unreadAt())));
        List<UdevRule.Token> tokens = new ArrayList<>();
        for (dev.sriovctl.observe.UdevRule.Key k : scan.keys()) {
            tokens.add(check(file, lineNo, new UdevRule.Token(k.name(), k.attribute(), k.op(), k.value())));
        }
        if (tokens.isEmpty()) throw new Refused(file, lineNo, "empty rule");
        return new UdevRule(file, lineNo, tokens);
    }

    /** Why the rest of a line cannot be read. */
    private static String unreadable(String rest) {
        Matcher m = KEY.matcher(rest);
        if (!m.lookingAt()) return "cannot read a key at '" + abbreviate(rest) + "'";
        String key = m.group(1);
        if (m.end() >= rest.length() || rest.charAt(m.end()) != '"') return "the value of " + key + " must be a plain double-quoted string";
        return "unterminated value of " + key;
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
            // NAME:= also makes the name final: later NAME assignments are ignored (udev(7))
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
