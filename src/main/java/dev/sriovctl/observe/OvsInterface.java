package dev.sriovctl.observe;

/** An OVS interface: its type ("" = system), MTU, link state and any error OVS reports. */
public record OvsInterface(String name, String type, Integer mtu, Integer mtuRequest, String linkState,
                           String adminState, String error) {
}
