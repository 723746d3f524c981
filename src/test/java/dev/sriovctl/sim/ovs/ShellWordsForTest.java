package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;

/** Splits a test's command line like sh does for the simple cases the tests use (quotes, backslash). */
final class ShellWordsForTest {
    private ShellWordsForTest() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) w.append(line.charAt(++i));
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                if (w == null) w = new StringBuilder();
                quote = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                if (w == null) w = new StringBuilder();
                w.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w != null) out.add(w.toString());
                w = null;
            } else {
                if (w == null) w = new StringBuilder();
                w.append(c);
            }
        }
        if (w != null) out.add(w.toString());
        return out;
    }
}
