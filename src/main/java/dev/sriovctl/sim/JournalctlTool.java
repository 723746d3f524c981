package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/** {@code journalctl}: what systemd-udevd logged on the simulated host (options are ignored). */
final class JournalctlTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String l : host.journalLines()) sb.append(l).append('\n');
        if (sb.length() == 0) sb.append("-- No entries --\n");
        return SimTool.result(argv, 0, sb.toString(), "");
    }
}
