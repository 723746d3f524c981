package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;

/**
 * Open vSwitch as its database shows it. {@code running} is false when {@code ovs-vsctl} could
 * not reach ovsdb-server, null when it was not run (not installed, or not recorded).
 */
public record OvsState(
        Boolean running,
        String version,
        Map<String, String> otherConfig,
        Map<String, String> externalIds,
        List<OvsBridge> bridges) {

    public OvsState {
        otherConfig = otherConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(otherConfig));
        externalIds = externalIds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(externalIds));
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
    }

    public static OvsState unknown() {
        return new OvsState(null, null, Map.of(), Map.of(), List.of());
    }

    /** The bridge holding a port (or interface) of this name, if any. */
    public java.util.Optional<OvsBridge> bridgeOf(String portOrInterface) {
        return bridges.stream().filter(b -> b.ports().stream().anyMatch(p -> p.name().equals(portOrInterface)
                || p.interfaces().stream().anyMatch(i -> i.name().equals(portOrInterface)))).findFirst();
    }
}
