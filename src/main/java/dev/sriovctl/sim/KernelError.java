package dev.sriovctl.sim;

/**
 * The simulated kernel refused an operation: an errno and, for netlink calls, the extended ack
 * message the driver set ({@code NL_SET_ERR_MSG_MOD}: "mlx5_core: Can't change mode, E-Switch is busy").
 */
public final class KernelError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String extack;

    public KernelError(Errno errno) {
        this(errno, null);
    }

    public KernelError(Errno errno, String extack) {
        super(extack == null ? errno.text() : extack + " (" + errno.text() + ")", null, false, false);
        this.errno = errno;
        this.extack = extack;
    }

    public Errno errno() {
        return errno;
    }

    /**
     * How iproute2 reports it: {@code Error: <extack>.} when the kernel sent an extended ack, else
     * {@code RTNETLINK answers: <strerror>} (what an ifupdown2 or ip emulation prints).
     */
    public String iproute2Message() {
        if (extack != null) return "Error: " + extack + (extack.endsWith(".") ? "" : ".");
        return "RTNETLINK answers: " + errno.text();
    }

    /** The netlink extended ack, or null. */
    public String extack() {
        return extack;
    }
}
