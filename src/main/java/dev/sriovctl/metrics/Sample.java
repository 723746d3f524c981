package dev.sriovctl.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One series of a {@link MetricFamily}: its labels, in the order they are printed, and its value.
 * Label names follow the Prometheus data model ({@code [a-zA-Z_][a-zA-Z0-9_]*}, {@code __} reserved);
 * a label whose value is unknown is given as the empty string, which Prometheus reads as "no such label".
 */
public record Sample(Map<String, String> labels, double value) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Sample {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!LABEL_NAME.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
                throw new IllegalArgumentException("not a Prometheus label name: '" + e.getKey() + "'");
            }
            copy.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        labels = Collections.unmodifiableMap(copy);
    }

    /** A sample from alternating label names and values: {@code of(4, "pf", "0000:81:00.0", "netdev", "enp129s0f0np0")}. */
    public static Sample of(double value, String... labelPairs) {
        if (labelPairs.length % 2 != 0) throw new IllegalArgumentException("label names and values must pair up");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) m.put(labelPairs[i], labelPairs[i + 1]);
        return new Sample(m, value);
    }
}
