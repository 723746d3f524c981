package dev.sriovctl.spec;

/**
 * A non-bond port of a bridge: a VF representor or a PF.
 *
 * @param tag the OVS access VLAN ({@code tag=N} in {@code ovs_options}), from the VF's {@code vlan}
 */
public record TargetPort(String netdev, Kind kind, Integer tag, String pfPci, Integer vf) {

    public enum Kind { REPRESENTOR, PF }
}
