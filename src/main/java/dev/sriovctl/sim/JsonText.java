package dev.sriovctl.sim;

import java.util.Map;

/**
 * JSON as iproute2's json_writer prints it: compact by default; with {@code -p}, four-space indents and
 * {@code "key": value} (lib/json_writer.c).
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code {"dev":{"pci/X":{"k":"v"}}}}: devlink's handle-keyed objects. */
    static String devs(Map<String, Map<String, String>> devs, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        if (!pretty) {
            sb.append("{\"dev\":{");
            boolean first = true;
            for (Map.Entry<String, Map<String, String>> d : devs.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                sb.append(quote(d.getKey())).append(":{");
                boolean f2 = true;
                for (Map.Entry<String, String> a : d.getValue().entrySet()) {
                    if (!f2) sb.append(',');
                    f2 = false;
                    sb.append(quote(a.getKey())).append(':').append(quote(a.getValue()));
                }
                sb.append('}');
            }
            return sb.append("}}\n").toString();
        }
        sb.append("{\n    \"dev\": {");
        boolean first = true;
        for (Map.Entry<String, Map<String, String>> d : devs.entrySet()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("        ").append(quote(d.getKey())).append(": {");
            boolean f2 = true;
            for (Map.Entry<String, String> a : d.getValue().entrySet()) {
                sb.append(f2 ? "\n" : ",\n");
                f2 = false;
                sb.append("            ").append(quote(a.getKey())).append(": ").append(quote(a.getValue()));
            }
            sb.append(d.getValue().isEmpty() ? "}" : "\n        }");
        }
        sb.append(devs.isEmpty() ? "}" : "\n    }").append("\n}\n");
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
