package dev.sriovctl.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * udev's value matching: {@code |} separates alternatives, each an fnmatch(3) pattern with
 * {@code *}, {@code ?} and {@code [...]} ({@code [!...]} negated); an empty pattern matches the empty
 * value (systemd src/udev/udev-rules.c token_match_string).
 */
final class Glob {
    private Glob() {
    }

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    static boolean matches(String pattern, String value) {
        if (pattern.isEmpty()) return value.isEmpty();
        for (String alt : pattern.split("\\|", -1)) {
            if (CACHE.computeIfAbsent(alt, Glob::compile).matcher(value).matches()) return true;
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
