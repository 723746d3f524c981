package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;

/** An Open vSwitch bridge and its ports. */
public record OvsBridge(String name, String datapathType, Map<String, String> otherConfig,
                        Map<String, String> externalIds, List<OvsPort> ports) {

    public OvsBridge {
        otherConfig = otherConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(otherConfig));
        externalIds = externalIds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(externalIds));
        ports = List.copyOf(ports);
    }

    public java.util.Optional<OvsPort> port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
