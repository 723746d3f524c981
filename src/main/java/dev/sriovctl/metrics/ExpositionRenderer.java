package dev.sriovctl.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format 0.0.4, as node_exporter's textfile collector reads it
 * (prometheus/common expfmt): {@code # HELP} and {@code # TYPE} once per metric, then its series,
 * one per line, without timestamps (the textfile collector refuses a file that has any).
 * A metric without series is left out.
 */
public final class ExpositionRenderer {
    private ExpositionRenderer() {
    }

    public static String render(List<MetricFamily> families) {
        StringBuilder sb = new StringBuilder();
        for (MetricFamily f : families) {
            if (f.samples().isEmpty()) continue;
            sb.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            sb.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Sample s : f.samples()) {
                sb.append(f.name());
                if (!s.labels().isEmpty()) {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        if (!first) sb.append(',');
                        first = false;
                        sb.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
                    }
                    sb.append('}');
                }
                sb.append(' ').append(number(s.value())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Integers without a fraction, others in plain decimal notation; NaN and the infinities as the format spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return BigDecimal.valueOf(v).toPlainString();
    }

    /** HELP text: backslash and line feed escaped. */
    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Label values: backslash, double quote and line feed escaped. */
    static String escapeLabel(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
