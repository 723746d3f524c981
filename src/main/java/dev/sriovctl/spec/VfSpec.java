package dev.sriovctl.spec;

/**
 * Settings of one VF; null means "leave as it is".
 *
 * @param vf      the VF index on its PF (0-based, as {@code virtfnN})
 * @param vlan    802.1Q VLAN id 1-4094: in switchdev mode the representor's OVS port tag, in legacy mode the VF's own VLAN
 * @param maxRate maximum transmit rate in Mbit/s ({@code ip link set PF vf N max_tx_rate})
 * @param driver  overrides the port's {@code vf-driver} for this VF
 */
public record VfSpec(int vf, String mac, Integer vlan, Boolean trust, Boolean spoofchk, Integer maxRate, VfDriver driver) {
}
