package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * {@code journalctl}: what systemd-udevd logged on the simulated host. Only udev writes to the simulated
 * journal, so a {@code -u} filter without {@code systemd-udevd.service} shows no entries; other options
 * ({@code -b}, {@code -o short-monotonic}, {@code --no-pager}) change nothing.
 */
final class JournalctlTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        boolean units = false;
        boolean udev = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String unit = a.equals("-u") || a.equals("--unit") ? (i + 1 < argv.size() ? argv.get(++i) : "")
                    : a.startsWith("--unit=") ? a.substring(7) : null;
            if (unit == null) continue;
            units = true;
            udev |= unit.equals("systemd-udevd") || unit.equals("systemd-udevd.service");
        }
        StringBuilder sb = new StringBuilder();
        if (!units || udev) for (String l : host.journalLines()) sb.append(l).append('\n');
        if (sb.length() == 0) sb.append("-- No entries --\n");
        return SimTool.result(argv, 0, sb.toString(), "");
    }
}
