package dev.sriovctl.observe;

import java.util.Map;
import java.util.Optional;

/**
 * The offload features of one netdev as {@code ethtool -k} prints them.
 *
 * @param device   from {@code Features for NAME:} (or the command line that produced it), null when unknown
 * @param features by feature name ({@code hw-tc-offload})
 */
public record EthtoolFeatures(String device, Map<String, Feature> features) {

    public EthtoolFeatures {
        features = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(features));
    }

    /**
     * One feature: {@code on} is null when the state word is neither "on" nor "off" (e.g. a damaged copy);
     * {@code fixed} when ethtool marks it {@code [fixed]} (cannot be changed); {@code requested} the state
     * in {@code [requested on]}, or null.
     */
    public record Feature(String name, Boolean on, boolean fixed, String requested, String raw) {
    }

    public Optional<Feature> feature(String name) {
        return Optional.ofNullable(features.get(name));
    }
}
