package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;

/** An OVS port; a bond when it has more than one interface. */
public record OvsPort(String name, List<OvsInterface> interfaces, String bondMode, String lacp, Integer tag,
                      Map<String, String> otherConfig, Map<String, String> externalIds) {

    public OvsPort {
        interfaces = List.copyOf(interfaces);
        otherConfig = otherConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(otherConfig));
        externalIds = externalIds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(externalIds));
    }

    public boolean isBond() {
        return interfaces.size() > 1;
    }
}
