package dev.sriovctl.sim;

import java.util.List;

/**
 * A netdev as other emulations (Open vSwitch, ifupdown2) see it through {@link SimKernel}.
 *
 * @param kind     pf, vf, representor, bond, loopback, platform or virtual
 * @param master   the upper device's name (a bond, ovs-system), or null
 */
public record Link(String name, int ifindex, String kind, String mac, int mtu, int minMtu, int maxMtu,
                   boolean up, boolean carrier, String operstate, String master, List<String> addresses) {

    public Link {
        addresses = List.copyOf(addresses);
    }
}
