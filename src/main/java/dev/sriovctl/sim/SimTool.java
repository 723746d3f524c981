package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * A command of the simulated host ({@code ip}, {@code devlink}, {@code udevadm}, and, once plugged in,
 * {@code ovs-vsctl}, {@code ovs-appctl}, {@code ifreload} ...). It reads and changes the host through
 * {@link SimHost} (its files, {@link SimHost#kernel()}, its extension state) and answers like the real
 * tool: same stdout format, same stderr wording, same exit code.
 */
public interface SimTool {

    /** Runs {@code argv}; {@code argv.get(0)} is the name or path it was called by. */
    CommandResult run(SimHost host, List<String> argv);

    /**
     * Whether this invocation may change the host. Read-only calls ({@code ip link show}) are not
     * counted by the crash fault; when unsure, answer true.
     */
    default boolean mutates(List<String> argv) {
        return true;
    }

    /**
     * Whether the command exists on this host (a package may be absent, e.g. Open vSwitch). When not,
     * {@link SimHost#run} answers empty, as a host without the program does.
     */
    default boolean available(SimHost host, List<String> argv) {
        return true;
    }

    /** A result with the tool's argv. */
    static CommandResult result(List<String> argv, int exit, String stdout, String stderr) {
        return new CommandResult(argv, exit, stdout, stderr);
    }
}
