package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What systemd-udevd logs to the journal ({@code journalctl -o short-monotonic} format): failed
 * renames, failed attribute writes, failed RUN programs. Only ever appended, like the kernel log.
 */
final class Journal {

    private final SimState state;
    private final List<String> pending = new ArrayList<>();

    Journal(SimState state) {
        this.state = state;
    }

    void log(String unit, String message) {
        state.clockMicros += 11;
        pending.add(KernelLog.stamp(state.clockMicros) + state.hostname + " " + unit + ": " + message);
        state.journalLines++;
    }

    List<String> pending() {
        return pending;
    }

    void clearPending() {
        pending.clear();
    }
}
