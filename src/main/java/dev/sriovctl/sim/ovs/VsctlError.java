package dev.sriovctl.sim.ovs;

/** A ctl_fatal() of ovs-vsctl: the message it prints after "ovs-vsctl: " and its exit status (1). */
final class VsctlError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VsctlError(String message) {
        super(message);
    }
}
