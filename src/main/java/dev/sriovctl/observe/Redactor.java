package dev.sriovctl.observe;

import java.util.regex.Pattern;

/**
 * Removes secrets from captured text before it is written: values of keys that name a password,
 * token or secret ({@code password=...}, {@code PVEAPIToken=...}, {@code "secret": "..."},
 * {@code cipassword: ...} in a Proxmox VM configuration).
 */
final class Redactor {
    private Redactor() {
    }

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:pass(?:word|wd)?|secret|token|api[_-]?key|cipassword|private[_-]?key)\"?\\s*[=:]\\s*\"?)([^\\s\",;]+)");

    /**
     * A Proxmox VM configuration's cloud-init password ({@code cipassword: ...}, qemu-server stores it hashed,
     * but a hand-edited file may hold it in clear, spaces included): the whole value, to the end of the line.
     */
    private static final Pattern CONFIG_LINE = Pattern.compile("(?im)^(cipassword:[ \\t]*)\\S.*$");

    static String redact(String text) {
        return KEY_VALUE.matcher(CONFIG_LINE.matcher(text).replaceAll("$1<redacted>")).replaceAll("$1<redacted>");
    }
}
