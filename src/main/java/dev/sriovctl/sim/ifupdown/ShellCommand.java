package dev.sriovctl.sim.ifupdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a command line the way {@code /bin/sh -c} would for what ifupdown2 builds ({@code ovs-vsctl -- cmd -- cmd},
 * with {@code ovs_options}/{@code ovs_extra} text pasted in): words, single and double quotes, backslashes, and
 * {@code $VAR}/{@code ${VAR}} from ifupdown2's environment (IFACE, LOGICAL, METHOD, ADDRFAM). Anything that needs
 * a real shell (command substitution, pipes, redirections, ;, &&) is refused: the simulation cannot run it.
 */
final class ShellCommand {
    private ShellCommand() {
    }

    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    static List<String> split(String line, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0;
                else w.append(c);
                continue;
            }
            if (c == '`' || (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(')) {
                throw new Unsupported("command substitution is not modelled by the sriovctl simulation: " + line);
            }
            if (c == '$' && i + 1 < line.length() && (line.charAt(i + 1) == '{' || Character.isLetter(line.charAt(i + 1))
                    || line.charAt(i + 1) == '_')) {
                int end;
                String var;
                if (line.charAt(i + 1) == '{') {
                    end = line.indexOf('}', i);
                    if (end < 0) throw new Unsupported("bad substitution: " + line);
                    var = line.substring(i + 2, end);
                } else {
                    end = i + 1;
                    while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) end++;
                    var = line.substring(i + 1, end);
                    end--;
                }
                if (w == null) w = new StringBuilder();
                w.append(env.getOrDefault(var, ""));
                i = end;
                continue;
            }
            if (quote == '"') {
                if (c == '"') quote = 0;
                else if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) w.append(line.charAt(++i));
                else w.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                if (w == null) w = new StringBuilder();
                quote = c;
            } else if (c == '\\') {
                if (w == null) w = new StringBuilder();
                if (i + 1 < line.length()) w.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w != null) out.add(w.toString());
                w = null;
            } else if (";|&<>".indexOf(c) >= 0) {
                throw new Unsupported("shell operators are not modelled by the sriovctl simulation: " + line);
            } else {
                if (w == null) w = new StringBuilder();
                w.append(c);
            }
        }
        if (quote != 0) throw new Unsupported("/bin/sh: 1: Syntax error: Unterminated quoted string");
        if (w != null) out.add(w.toString());
        return out;
    }
}
