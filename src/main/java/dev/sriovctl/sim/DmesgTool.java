package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/** {@code dmesg}: the simulated kernel log. It only grows: clearing it is refused. */
final class DmesgTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        for (String a : argv.subList(1, argv.size())) {
            if (a.equals("-c") || a.equals("-C") || a.equals("--clear") || a.equals("--read-clear")) {
                return SimTool.result(argv, 1, "", "dmesg: clearing is not simulated: the simulated kernel log only grows\n");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : host.kernelLog()) sb.append(l).append('\n');
        return SimTool.result(argv, 0, sb.toString(), "");
    }
}
