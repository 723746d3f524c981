package dev.sriovctl.sim;

/** What a simulated network device is. */
enum NetdevKind {
    LOOPBACK, PLATFORM, PF, VF, REP, BOND, VIRTUAL
}
