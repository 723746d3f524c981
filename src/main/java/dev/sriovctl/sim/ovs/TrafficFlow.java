package dev.sriovctl.sim.ovs;

/**
 * Traffic the simulator (or a test) says is flowing through a bridge: frames entering OVS on {@code inPort}
 * (an Interface name) addressed to a MAC learned behind {@code outPort} (a Port name of the same bridge).
 * ovs-vswitchd turns each into a datapath flow that {@code ovs-appctl dpctl/dump-flows} lists.
 */
public record TrafficFlow(String inPort, String outPort, String srcMac, String dstMac, long packets, long bytes) {
}
