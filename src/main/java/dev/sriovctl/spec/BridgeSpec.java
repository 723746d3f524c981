package dev.sriovctl.spec;

import java.util.List;
import java.util.Map;

/**
 * An Open vSwitch bridge rendered as an ifupdown2 {@code OVSBridge}.
 *
 * @param ports       representor patterns ({@code sw1/pf0vf*}) and PF references that become OVS ports
 * @param otherConfig bridge {@code other_config} keys, rendered through {@code ovs_extra} (ifupdown2
 *                    clears bridge other_config after applying {@code ovs_options}, ifupdown2#344)
 */
public record BridgeSpec(String name, Integer mtu, String address, String gateway, BondSpec bond, List<String> ports,
                         Map<String, String> otherConfig) {

    public BridgeSpec {
        ports = List.copyOf(ports);
        otherConfig = otherConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(otherConfig));
    }
}
