package dev.sriovctl.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Pattern;

/**
 * One metric of the Prometheus text format: a name, its HELP text and its series. Every metric sriovctl
 * writes is a gauge: each figure is a state read when the command runs, and a one-shot process writing a
 * textfile cannot keep a counter across runs.
 */
public record MetricFamily(String name, String help, List<Sample> samples) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public MetricFamily {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("not a Prometheus metric name: '" + name + "'");
        if (help == null || help.isBlank()) throw new IllegalArgumentException("HELP is required for " + name);
        samples = List.copyOf(samples);
        if (samples.stream().map(Sample::labels).distinct().count() != samples.size()) {
            throw new IllegalArgumentException(name + " has two series with the same labels");
        }
    }

    /** The word of the TYPE line. */
    public String type() {
        return "gauge";
    }

    public static Builder gauge(String name, String help) {
        return new Builder(name, help);
    }

    /** Collects a family's series; a second value for the same labels is merged, never printed twice. */
    public static final class Builder {
        private final String name;
        private final String help;
        private final Map<Map<String, String>, Sample> samples = new LinkedHashMap<>();

        private Builder(String name, String help) {
            this.name = name;
            this.help = help;
        }

        /** Adds a series; if these labels already have one, the first value stays. */
        public Builder add(double value, String... labelPairs) {
            return merge((old, now) -> old, value, labelPairs);
        }

        /** Adds a series; if these labels already have one, the larger value stays. */
        public Builder max(double value, String... labelPairs) {
            return merge(Math::max, value, labelPairs);
        }

        /** A 0/1 series; nothing when the fact is unknown (absent is "not known", never a guessed 0). */
        public Builder flag(Boolean fact, String... labelPairs) {
            return fact == null ? this : add(fact ? 1 : 0, labelPairs);
        }

        /**
         * A state set: one series per state, 1 for the one that holds, 0 for the others, with the state as
         * label {@code stateLabel}. A state outside the known ones is added as its own series; nothing when
         * the state is unknown.
         */
        public Builder state(String current, List<String> known, String stateLabel, String... labelPairs) {
            if (current == null) return this;
            List<String> states = new ArrayList<>(known);
            if (!states.contains(current)) states.add(current);
            for (String s : states) {
                String[] pairs = java.util.Arrays.copyOf(labelPairs, labelPairs.length + 2);
                pairs[labelPairs.length] = stateLabel;
                pairs[labelPairs.length + 1] = s;
                add(s.equals(current) ? 1 : 0, pairs);
            }
            return this;
        }

        private Builder merge(DoubleBinaryOperator how, double value, String... labelPairs) {
            Sample s = Sample.of(value, labelPairs);
            samples.merge(s.labels(), s, (old, now) -> new Sample(old.labels(), how.applyAsDouble(old.value(), now.value())));
            return this;
        }

        public MetricFamily build() {
            return new MetricFamily(name, help, new ArrayList<>(samples.values()));
        }
    }
}
