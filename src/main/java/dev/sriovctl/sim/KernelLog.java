package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel ring buffer as {@code dmesg} prints it: {@code [  435.211235] message}. Lines are only
 * ever appended; continuation lines of a multi-line message are indented under the text, as dmesg
 * does (fixtures/dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt).
 * New lines wait in {@link #pending()} until {@link SimStore} appends them to {@code sim/kmsg}.
 */
final class KernelLog {

    /** Time a printk takes on the simulated clock (keeps timestamps strictly increasing). */
    private static final long LINE_MICROS = 37;

    private final SimState state;
    private final List<String> pending = new ArrayList<>();

    KernelLog(SimState state) {
        this.state = state;
    }

    /** Appends a message; {@code \n} inside it starts continuation lines. */
    void log(String message) {
        state.clockMicros += LINE_MICROS;
        String stamp = stamp(state.clockMicros);
        String[] lines = message.split("\n", -1);
        pending.add(stamp + lines[0]);
        String indent = " ".repeat(stamp.length());
        for (int i = 1; i < lines.length; i++) pending.add(indent + lines[i]);
        state.logLines += lines.length;
    }

    /** Lines taken as they are (the captured log of a host the simulator is a twin of). */
    void importLines(java.util.List<String> lines) {
        pending.addAll(lines);
        state.logLines += lines.size();
    }

    /** Lets simulated time pass (device probing, {@code Host.pause}). */
    void advance(long micros) {
        state.clockMicros += micros;
    }

    static String stamp(long micros) {
        return String.format(Locale.ROOT, "[%5d.%06d] ", micros / 1_000_000, micros % 1_000_000);
    }

    List<String> pending() {
        return pending;
    }

    void clearPending() {
        pending.clear();
    }
}
