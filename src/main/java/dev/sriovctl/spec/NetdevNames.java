package dev.sriovctl.spec;

/** Limits of Linux interface names. */
public final class NetdevNames {
    private NetdevNames() {
    }

    /** IFNAMSIZ (16) minus the terminating NUL. */
    public static final int MAX_LENGTH = 15;
}
