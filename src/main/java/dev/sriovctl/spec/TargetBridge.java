package dev.sriovctl.spec;

import java.util.List;
import java.util.Map;

/** A bridge as it should be: its uplink bond (or none) and its other ports, in order. */
public record TargetBridge(String name, Integer mtu, String address, String gateway, TargetBond bond,
                           List<TargetPort> ports, Map<String, String> otherConfig, String specPath) {

    public TargetBridge {
        ports = List.copyOf(ports);
        otherConfig = otherConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(otherConfig));
    }
}
