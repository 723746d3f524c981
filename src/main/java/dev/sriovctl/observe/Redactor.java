package dev.sriovctl.observe;

import java.util.regex.Pattern;

/**
 * Removes secrets from captured text before it is written: values of keys that name a password,
 * token or secret ({@code password=...}, {@code PVEAPIToken=...}, {@code "secret": "..."}).
 */
final class Redactor {
    private Redactor() {
    }

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:pass(?:word|wd)?|secret|token|api[_-]?key|cipassword|private[_-]?key)\"?\\s*[=:]\\s*\"?)([^\\s\",;]+)");

    static String redact(String text) {
        return KEY_VALUE.matcher(text).replaceAll("$1<redacted>");
    }
}
