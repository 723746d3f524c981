package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ovs-appctl} against the simulated ovs-vswitchd: {@code bond/show [BOND]} (ofproto/bond.c
 * bond_print_details), {@code bond/list}, {@code lacp/show [BOND]} (lib/lacp.c lacp_print_details),
 * {@code dpctl/dump-flows [-m] [DP] [type=...]} (see {@link DatapathFlows}), {@code version} and
 * {@code exit [--cleanup]}. Formats were compared line by line with the OVS 3.1 lab captures in
 * ../shared/fixtures/ovs. Errors are what ovs-appctl prints for a server error (exit 2), or for a daemon
 * that is not running (exit 1).
 */
public final class OvsAppctl {
    private final OvsDatabase db;
    private final LinkTable links;
    private final Supplier<String> timestamp;
    private final Supplier<Long> clockMillis;

    public OvsAppctl(OvsDatabase db, LinkTable links) {
        this(db, links, () -> "2026-01-01T00:00:00Z", () -> 0L);
    }

    /** {@code timestamp}: ISO-8601 UTC time for log lines; {@code clockMillis}: the simulated host's clock (next rebalance). */
    public OvsAppctl(OvsDatabase db, LinkTable links, Supplier<String> timestamp, Supplier<Long> clockMillis) {
        this.db = db;
        this.links = links;
        this.timestamp = timestamp;
        this.clockMillis = clockMillis;
    }

    public CommandResult run(List<String> argv) {
        List<String> args = new ArrayList<>(argv.subList(1, argv.size()));
        String target = "ovs-vswitchd";
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String o = args.remove(0);
            if (o.equals("-t") || o.equals("--target")) {
                if (args.isEmpty()) return new CommandResult(argv, 1, "", "ovs-appctl: option '" + o + "' requires an argument\n");
                target = args.remove(0);
            } else if (o.startsWith("--target=")) {
                target = o.substring(9);
            } else if (o.startsWith("--timeout") || o.startsWith("-T")) {
                if (!o.contains("=") && o.length() == 2 || o.equals("--timeout")) args.remove(0);
            } else {
                return new CommandResult(argv, 1, "", "ovs-appctl: unrecognized option '" + o + "'\n");
            }
        }
        if (args.isEmpty()) return new CommandResult(argv, 1, "", "ovs-appctl: at least one non-option argument is required (use --help for help)\n");
        boolean vswitchd = target.equals("ovs-vswitchd");
        boolean running = vswitchd ? db.vswitchd().running() : target.equals("ovsdb-server") && db.vswitchd().ovsdbServerRunning();
        if (!running) {
            String pidfile = "/var/run/openvswitch/" + target + ".pid";
            return new CommandResult(argv, 1, "", timestamp.get() + "|00001|daemon_unix|WARN|" + pidfile + ": open: No such file or directory\n"
                    + "ovs-appctl: cannot read pidfile \"" + pidfile + "\" (No such file or directory)\n");
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            String out = vswitchd ? vswitchdCommand(cmd, rest) : ovsdbServerCommand(cmd, rest);
            return new CommandResult(argv, 0, out, "");
        } catch (ServerError e) {
            return new CommandResult(argv, 2, "", e.getMessage() + "\novs-appctl: " + target + ": server returned an error\n");
        }
    }

    /** An error reply from the daemon (unixctl_command_reply_error). */
    static final class ServerError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServerError(String message) {
            super(message);
        }
    }

    private static void arity(String cmd, List<String> args, int min, int max) {
        if (args.size() < min) throw new ServerError("\"" + cmd + "\" command requires at least " + min + " arguments");
        if (args.size() > max) throw new ServerError("\"" + cmd + "\" command takes at most " + max + " arguments");
    }

    private String vswitchdCommand(String cmd, List<String> args) {
        switch (cmd) {
            case "bond/show" -> {
                arity(cmd, args, 0, 1);
                List<Bonds.Bond> bonds = selected(args, "no such bond");
                StringBuilder sb = new StringBuilder();
                bonds.forEach(b -> BondShow.bond(sb, b, db.vswitchd().recircId(b.port().uuid()), clockMillis.get()));
                return sb.toString();
            }
            case "bond/list" -> {
                arity(cmd, args, 0, 0);
                StringBuilder sb = new StringBuilder("bond\ttype\trecircID\tmembers\n");
                for (Bonds.Bond b : Bonds.all(db, links)) {
                    List<String> names = b.members().stream().map(Bonds.Member::name).toList();
                    sb.append(b.name()).append('\t').append(b.mode()).append('\t').append(db.vswitchd().recircId(b.port().uuid()))
                            .append('\t').append(String.join(", ", names)).append('\n');
                }
                return sb.toString();
            }
            case "lacp/show" -> {
                arity(cmd, args, 0, 1);
                List<Bonds.Bond> bonds = selected(args, "no such lacp object").stream().filter(Bonds.Bond::lacpEnabled).toList();
                if (!args.isEmpty() && bonds.isEmpty()) throw new ServerError("no such lacp object");
                StringBuilder sb = new StringBuilder();
                bonds.forEach(b -> BondShow.lacp(sb, b));
                return sb.toString();
            }
            case "dpctl/dump-flows" -> {
                return DatapathFlows.dump(db, links, args);
            }
            case "version" -> {
                arity(cmd, args, 0, 0);
                return "ovs-vswitchd (Open vSwitch) 3.1.0\n";
            }
            case "exit" -> {
                arity(cmd, args, 0, 1);
                Vswitchd.exit(db, links, args.contains("--cleanup"));
                return "";
            }
            default -> throw new ServerError("\"" + cmd + "\" is not a valid command (use \"list-commands\" to see a list of valid commands)");
        }
    }

    private String ovsdbServerCommand(String cmd, List<String> args) {
        if (cmd.equals("exit")) {
            db.vswitchd().ovsdbServerRunning = false;
            return "";
        }
        if (cmd.equals("version")) return "ovsdb-server (Open vSwitch) 3.1.0\n";
        throw new ServerError("\"" + cmd + "\" is not a valid command (use \"list-commands\" to see a list of valid commands)");
    }

    private List<Bonds.Bond> selected(List<String> args, String missing) {
        if (args.isEmpty()) return Bonds.all(db, links);
        return List.of(Bonds.find(db, links, args.get(0)).orElseThrow(() -> new ServerError(missing)));
    }
}
