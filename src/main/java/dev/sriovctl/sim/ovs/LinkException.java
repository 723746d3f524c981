package dev.sriovctl.sim.ovs;

/** The simulated kernel refused a netdev change; the message is the kernel's (as {@code ip} prints it after "Error: "). */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
