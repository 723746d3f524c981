package dev.sriovctl.sim;

/**
 * Whether a VF's traffic can reach the wire, and why (see {@link SimKernel#vfConnectivity}).
 * The simulator models the physical path (VF link state, representor, uplink port, hardware LAG),
 * not packets: Open vSwitch forwarding between representor and uplink is assumed.
 */
public record VfConnectivity(String vf, boolean connected, String reason) {
}
