package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code udevadm control --reload}, {@code udevadm trigger} and {@code udevadm settle} on the simulated
 * host. Trigger replays events for existing devices ({@code --action}, default "change";
 * {@code --subsystem-match}, {@code --attr-match}, {@code --sysname-match}); the host then lets udev
 * process them, so {@code settle} finds nothing left to wait for.
 */
final class UdevadmTool implements SimTool {

    private static final Set<String> ACTIONS = Set.of("add", "remove", "change", "move", "online", "offline", "bind", "unbind");

    @Override
    public boolean mutates(List<String> argv) {
        return argv.size() > 1 && (argv.get(1).equals("trigger") || argv.get(1).equals("control"));
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        if (argv.size() < 2) return SimTool.result(argv, 1, "", "udevadm: missing or unknown command\n");
        String cmd = argv.get(1);
        List<String> args = argv.subList(2, argv.size());
        return switch (cmd) {
            case "control" -> control(host, argv, args);
            case "trigger" -> trigger(host, argv, args);
            case "settle" -> SimTool.result(argv, 0, "", "");
            default -> SimTool.result(argv, 1, "", "udevadm " + cmd + " is not simulated (supported: control --reload, trigger, settle)\n");
        };
    }

    private CommandResult control(SimHost host, List<String> argv, List<String> args) {
        for (String a : args) {
            if (!a.equals("--reload") && !a.equals("--reload-rules") && !a.equals("-R")) {
                return SimTool.result(argv, 1, "", "udevadm control " + a + " is not simulated (supported: --reload)\n");
            }
        }
        try {
            host.loadRules();
        } catch (UdevRuleParser.Refused e) {
            return SimTool.result(argv, 1, "", e.getMessage() + "\n");
        }
        return SimTool.result(argv, 0, "", "");
    }

    private CommandResult trigger(SimHost host, List<String> argv, List<String> args) {
        String action = "change";
        String subsystem = null;
        // udevadm: several --sysname-match select any device matching one of them
        List<String> sysnames = new java.util.ArrayList<>();
        boolean dryRun = false;
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String key = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (key) {
                case "--action", "-c" -> action = value != null ? value : next(args, ++i);
                case "--subsystem-match", "-s" -> subsystem = value != null ? value : next(args, ++i);
                case "--sysname-match", "-y" -> sysnames.add(value != null ? value : next(args, ++i));
                case "--attr-match", "-a" -> {
                    String m = value != null ? value : next(args, ++i);
                    int e = m.indexOf('=');
                    attrs.put(e < 0 ? m : m.substring(0, e), e < 0 ? "?*" : m.substring(e + 1));
                }
                case "--type", "-t" -> {
                    String t = value != null ? value : next(args, ++i);
                    if (!t.equals("devices")) return SimTool.result(argv, 1, "", "udevadm trigger --type=" + t + " is not simulated\n");
                }
                case "--dry-run", "-n" -> dryRun = true;
                case "--verbose", "-v", "--settle", "-w", "--quiet", "-q" -> {
                    // output and waiting are not needed: events are processed before udevadm returns
                }
                default -> {
                    return SimTool.result(argv, 1, "", "udevadm trigger " + a + " is not simulated\n");
                }
            }
        }
        if (action == null || !ACTIONS.contains(action)) return SimTool.result(argv, 1, "", "Unknown action '" + action + "'\n");
        if (subsystem != null && !subsystem.equals("net") && !subsystem.equals("pci")) return SimTool.result(argv, 0, "", "");
        if (!dryRun) host.trigger(action, subsystem, attrs, sysnames);
        return SimTool.result(argv, 0, "", "");
    }

    private static String next(List<String> args, int i) {
        if (i >= args.size()) throw new HostException("udevadm trigger: option needs a value");
        return args.get(i);
    }
}
