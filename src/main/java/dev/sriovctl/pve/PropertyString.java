package dev.sriovctl.pve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PVE property strings ({@code key=value,key=value}), as pve-common JSONSchema.pm
 * {@code parse_property_string} reads them: parts split at commas outside double quotes; a part
 * without '=' is the value of the format's default key ({@code host} for hostpciN, {@code type}
 * for machine); quoted values may contain commas and {@code \"}.
 */
final class PropertyString {
    private PropertyString() {
    }

    /** The keys in order; throws IllegalArgumentException naming the problem. */
    static Map<String, String> parse(String text, String defaultKey) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) throw new IllegalArgumentException("empty property string");
        int i = 0;
        int n = text.length();
        while (i <= n) {
            StringBuilder part = new StringBuilder();
            String key = null;
            boolean quoted = false;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '\\' && i + 1 < n) {
                        part.append(text.charAt(++i));
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        part.append(c);
                    }
                } else if (c == '"' && (part.length() == 0)) {
                    quoted = true;
                } else if (c == '=' && key == null) {
                    key = part.toString();
                    part.setLength(0);
                } else if (c == ',') {
                    break;
                } else {
                    part.append(c);
                }
            }
            if (quoted) throw new IllegalArgumentException("unterminated quote in '" + text + "'");
            if (key == null) {
                if (part.length() == 0) throw new IllegalArgumentException("empty part in '" + text + "'");
                if (defaultKey == null) throw new IllegalArgumentException("value without key: '" + part + "'");
                key = defaultKey;
            }
            if (key.isEmpty()) throw new IllegalArgumentException("empty key in '" + text + "'");
            if (out.containsKey(key)) throw new IllegalArgumentException("duplicate key '" + key + "' in '" + text + "'");
            out.put(key, part.toString());
            i++;
        }
        return out;
    }

    /** {@code k=v,...}, quoting values that contain a comma, a quote or start with one. */
    static String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (v == null) return;
            if (sb.length() > 0) sb.append(',');
            sb.append(k).append('=');
            if (v.contains(",") || v.contains("\"")) {
                sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
        });
        return sb.toString();
    }
}
