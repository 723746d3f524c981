package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mount -t debugfs SOURCE /sys/kernel/debug} and {@code umount /sys/kernel/debug}: the one file
 * system sriovctl mounts (mlx5 shows its hardware LAG there). Others are refused as not simulated. Exit 32
 * is mount(8)'s "mount failure"; the "already mounted" wording follows util-linux 2.38 and is not verified
 * against a real Proxmox VE host.
 */
final class MountTool implements SimTool {

    static final String DEBUGFS = "/sys/kernel/debug";

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        List<String> args = new ArrayList<>();
        String type = null;
        for (int i = 1; i < argv.size(); i++) {
            if (argv.get(i).equals("-t") && i + 1 < argv.size()) type = argv.get(++i);
            else if (!argv.get(i).startsWith("-")) args.add(argv.get(i));
        }
        SimState s = host.state();
        if (name.equals("umount")) {
            if (args.size() != 1 || !args.get(0).equals(DEBUGFS)) return notSimulated(argv);
            if (!s.debugfsMounted) return SimTool.result(argv, 32, "", "umount: " + DEBUGFS + ": not mounted.\n");
            set(host, false);
            return SimTool.result(argv, 0, "", "");
        }
        if (args.size() != 2 || !"debugfs".equals(type) || !args.get(1).equals(DEBUGFS)) return notSimulated(argv);
        if (s.debugfsMounted) {
            return SimTool.result(argv, 32, "", "mount: " + DEBUGFS + ": " + args.get(0) + " already mounted on " + DEBUGFS + ".\n");
        }
        set(host, true);
        return SimTool.result(argv, 0, "", "");
    }

    private static void set(SimHost host, boolean mounted) {
        host.state().debugfsMounted = mounted;
        host.kernel().changed(false);
    }

    private static CommandResult notSimulated(List<String> argv) {
        return SimTool.result(argv, 32, "", argv.get(0) + ": only debugfs on " + DEBUGFS + " is simulated\n");
    }
}
