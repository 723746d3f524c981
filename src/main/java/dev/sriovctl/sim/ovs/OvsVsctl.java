package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code ovs-vsctl} against a simulated {@link OvsDatabase} and {@link LinkTable}: one argv in, exit code,
 * stdout and stderr out, as OVS 3.1's ovs-vsctl prints them.
 *
 * <p>All commands of one invocation (separated by {@code --}) are one transaction: they run on a working
 * copy, and only if every command and the server-side checks succeed does the copy replace the database.
 * Then ovs-vswitchd reconfigures ({@link Vswitchd#reconfigure}); without {@code --no-wait} a changing
 * transaction bumps {@code next_cfg}, and interfaces created by add-br/add-port/add-bond that vswitchd could
 * not open are reported on stderr with exit status 0 (as the real tool does; lab README §2). When ovs-vswitchd
 * is not running, a changing transaction without {@code --no-wait} would block forever in the real tool; the
 * simulation answers as if {@code --timeout} expired (exit 142, "terminating with signal 14 (Alarm clock)")
 * after committing, which is what the real tool does with {@code --timeout}.
 *
 * <p>Not modelled (refused with a message saying so, exit 1): fake bridges, controller/manager/SSL and
 * auto-attach commands, create/destroy/wait-until, {@code --id}, tables other than Open_vSwitch, Bridge,
 * Port and Interface, find operators other than = and !=, output formats other than list, table and json.
 */
public final class OvsVsctl {
    private final OvsDatabase db;
    private final LinkTable links;
    private final Supplier<String> timestamp;

    public OvsVsctl(OvsDatabase db, LinkTable links) {
        this(db, links, () -> "2026-01-01T00:00:00Z");
    }

    /** {@code timestamp} gives the ISO-8601 UTC time the simulated host's log lines carry. */
    public OvsVsctl(OvsDatabase db, LinkTable links, Supplier<String> timestamp) {
        this.db = db;
        this.links = links;
        this.timestamp = timestamp;
    }

    /** Global options (before the first command). */
    static final class GlobalOptions {
        boolean wait = true;
        boolean dryRun;
        boolean oneline;
        Integer timeout;
        String format = "list";
        String data = "string";
        boolean bare;
        boolean noHeadings;
        String columns;
    }

    /** A non-error exit with a status other than 0 (br-exists). */
    static final class ExitStatus extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        ExitStatus(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private record Spec(String name, int min, int max, String options, Consumer<VsctlContext> run, boolean writes) {
    }

    private static final Map<String, Spec> COMMANDS = new LinkedHashMap<>();

    private static void cmd(String name, int min, int max, String options, Consumer<VsctlContext> run, boolean writes) {
        COMMANDS.put(name, new Spec(name, min, max, options, run, writes));
    }

    private static final int MANY = Integer.MAX_VALUE;

    static {
        cmd("init", 0, 0, "", c -> { }, true);
        cmd("show", 0, 0, "", VsctlShow::show, false);
        cmd("add-br", 1, 3, "--may-exist", VsctlBridgeCommands::addBr, true);
        cmd("del-br", 1, 1, "--if-exists", VsctlBridgeCommands::delBr, true);
        cmd("list-br", 0, 0, "--real,--fake", VsctlBridgeCommands::listBr, false);
        cmd("br-exists", 1, 1, "", VsctlBridgeCommands::brExists, false);
        cmd("br-to-vlan", 1, 1, "", VsctlBridgeCommands::brToVlan, false);
        cmd("br-to-parent", 1, 1, "", VsctlBridgeCommands::brToParent, false);
        cmd("br-set-external-id", 2, 3, "", VsctlBridgeCommands::brSetExternalId, true);
        cmd("br-get-external-id", 1, 2, "", VsctlBridgeCommands::brGetExternalId, false);
        cmd("list-ports", 1, 1, "", VsctlBridgeCommands::listPorts, false);
        cmd("add-port", 2, MANY, "--may-exist", VsctlBridgeCommands::addPort, true);
        cmd("add-bond", 4, MANY, "--may-exist,--fake-iface", VsctlBridgeCommands::addBond, true);
        cmd("del-port", 1, 2, "--if-exists,--with-iface", VsctlBridgeCommands::delPort, true);
        cmd("port-to-br", 1, 1, "", VsctlBridgeCommands::portToBr, false);
        cmd("list-ifaces", 1, 1, "", VsctlBridgeCommands::listIfaces, false);
        cmd("iface-to-br", 1, 1, "", VsctlBridgeCommands::ifaceToBr, false);
        cmd("get-fail-mode", 1, 1, "", VsctlBridgeCommands::getFailMode, false);
        cmd("del-fail-mode", 1, 1, "", VsctlBridgeCommands::delFailMode, true);
        cmd("set-fail-mode", 2, 2, "", VsctlBridgeCommands::setFailMode, true);
        cmd("comment", 0, MANY, "--bare", c -> { }, false);
        cmd("get", 2, MANY, "--if-exists,--id=", VsctlDbCommands::get, false);
        cmd("list", 1, MANY, "--if-exists,--columns=", VsctlDbCommands::list, false);
        cmd("find", 1, MANY, "--columns=", VsctlDbCommands::find, false);
        cmd("set", 3, MANY, "--if-exists", VsctlDbCommands::set, true);
        cmd("add", 4, MANY, "--if-exists", VsctlDbCommands::add, true);
        cmd("remove", 4, MANY, "--if-exists", VsctlDbCommands::remove, true);
        cmd("clear", 3, MANY, "--if-exists", VsctlDbCommands::clear, true);
        for (String n : List.of("emer-reset", "get-controller", "del-controller", "set-controller", "get-manager", "del-manager",
                "set-manager", "get-ssl", "del-ssl", "set-ssl", "add-aa-mapping", "del-aa-mapping", "get-aa-mapping", "create",
                "destroy", "wait-until", "add-bond-iface", "del-bond-iface", "add-zone-tp", "del-zone-tp", "list-zone-tp",
                "add-dp", "del-dp", "list-dp")) {
            cmd(n, 0, MANY, "--may-exist,--if-exists,--id=,--all", c -> {
                throw new VsctlError("'" + n + "' is not modelled by the sriovctl simulation");
            }, true);
        }
    }

    private static final List<String> LOCAL_OPTIONS = List.of("--may-exist", "--if-exists", "--fake-iface", "--with-iface",
            "--real", "--fake", "--all", "--bare");
    private static final List<String> LOCAL_OPTIONS_WITH_ARG = List.of("--id", "--columns");

    private record Command(Spec spec, Map<String, String> options, List<String> args) {
    }

    /** Runs one ovs-vsctl argv ({@code argv[0]} is the program name). */
    public CommandResult run(List<String> argv) {
        StringBuilder err = new StringBuilder();
        try {
            return execute(argv, err);
        } catch (VsctlError e) {
            err.append("ovs-vsctl: ").append(e.getMessage()).append('\n');
            return new CommandResult(argv, 1, "", err.toString());
        }
    }

    private CommandResult execute(List<String> argv, StringBuilder err) {
        GlobalOptions g = new GlobalOptions();
        Map<String, String> local = new LinkedHashMap<>();
        int i = 1;
        for (; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) break;
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!a.startsWith("--") && a.length() > 2) {
                name = a.substring(0, 2);
                value = a.substring(2);
            }
            switch (name) {
                case "--no-wait" -> g.wait = false;
                case "--dry-run" -> g.dryRun = true;
                case "--oneline" -> g.oneline = true;
                case "--retry", "--no-syslog" -> { }
                case "--bare" -> {
                    g.bare = true;
                    g.noHeadings = true;
                }
                case "--no-headings" -> g.noHeadings = true;
                case "--pretty" -> { }
                case "-t", "--timeout", "-f", "--format", "-d", "--data", "--columns", "--db" -> {
                    if (value == null) {
                        if (i + 1 >= argv.size()) throw new VsctlError("option '" + a + "' requires an argument");
                        value = argv.get(++i);
                    }
                    globalWithArg(g, name, value);
                }
                case "-h", "--help", "-V", "--version" -> {
                    return new CommandResult(argv, 0, "ovs-vsctl (Open vSwitch) 3.1.0\nDB Schema " + OvsSchema.VERSION + "\n", "");
                }
                default -> {
                    if (LOCAL_OPTIONS.contains(name) && value == null) {
                        if (local.containsKey(name)) throw new VsctlError("'" + name + "' option specified multiple times");
                        local.put(name, null);
                    } else if (LOCAL_OPTIONS_WITH_ARG.contains(name) && value != null) {
                        if (name.equals("--columns")) {
                            g.columns = value;
                        } else {
                            local.put(name, value);
                        }
                    } else {
                        throw new VsctlError(a.startsWith("--") ? "unrecognized option '" + a + "'" : "invalid option -- '" + a.substring(1, 2) + "'");
                    }
                }
            }
        }
        List<Command> commands = parseCommands(argv.subList(i, argv.size()), local);
        return transact(argv, g, commands, err);
    }

    private static void globalWithArg(GlobalOptions g, String name, String value) {
        switch (name) {
            case "-t", "--timeout" -> {
                if (!value.matches("\\d+")) throw new VsctlError("value " + value + " on -t or --timeout is invalid");
                g.timeout = Integer.parseInt(value);
            }
            case "-f", "--format" -> {
                if (!List.of("list", "table", "json", "html", "csv").contains(value)) {
                    throw new VsctlError("unknown output format \"" + value + "\"");
                }
                if (value.equals("html") || value.equals("csv")) {
                    throw new VsctlError("output format \"" + value + "\" is not modelled by the sriovctl simulation");
                }
                g.format = value;
            }
            case "-d", "--data" -> {
                if (!List.of("string", "bare", "json").contains(value)) throw new VsctlError("unknown data format \"" + value + "\"");
                g.data = value;
                if (value.equals("bare")) g.bare = true;
            }
            case "--columns" -> g.columns = value;
            default -> { }
        }
    }

    private static List<Command> parseCommands(List<String> args, Map<String, String> local) {
        List<Command> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.size(); i++) {
            if (i == args.size() || args.get(i).equals("--")) {
                if (i > start) {
                    out.add(parseCommand(args.subList(start, i), local));
                    local = new LinkedHashMap<>();
                } else if (!local.isEmpty()) {
                    throw new VsctlError("missing command name (use --help for help)");
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) throw new VsctlError("missing command name (use --help for help)");
        return out;
    }

    private static Command parseCommand(List<String> words, Map<String, String> local) {
        Map<String, String> options = new LinkedHashMap<>(local);
        int i = 0;
        for (; i < words.size(); i++) {
            String o = words.get(i);
            if (!o.startsWith("-")) break;
            int eq = o.indexOf('=');
            String key = eq >= 0 ? o.substring(0, eq) : o;
            String value = eq >= 0 ? o.substring(eq + 1) : null;
            if (options.containsKey(key)) throw new VsctlError("'" + o + "' option specified multiple times");
            options.put(key, value);
        }
        if (i == words.size()) throw new VsctlError("missing command name (use --help for help)");
        String name = words.get(i);
        Spec spec = COMMANDS.get(name);
        if (spec == null) throw new VsctlError("unknown command '" + name + "'; use --help for help");
        for (Map.Entry<String, String> o : options.entrySet()) {
            int at = (spec.options() + ",").indexOf(o.getKey() + ",");
            int atEq = (spec.options() + ",").indexOf(o.getKey() + "=,");
            if (at < 0 && atEq < 0) throw new VsctlError("'" + name + "' command has no '" + o.getKey() + "' option");
            boolean wantsArg = atEq >= 0;
            if (wantsArg != (o.getValue() != null)) {
                throw new VsctlError(wantsArg ? "missing argument to '" + o.getKey() + "' option on '" + name + "' command"
                        : "'" + o.getKey() + "' option on '" + name + "' does not accept an argument");
            }
        }
        int nArg = words.size() - i - 1;
        if (nArg < spec.min()) throw new VsctlError("'" + name + "' command requires at least " + spec.min() + " arguments");
        if (nArg > spec.max()) {
            for (int j = i + 1; j < words.size(); j++) {
                if (words.get(j).startsWith("-")) {
                    throw new VsctlError("'" + name + "' command takes at most " + spec.max()
                            + " arguments (note that options must precede command names and follow a \"--\" argument)");
                }
            }
            throw new VsctlError("'" + name + "' command takes at most " + spec.max() + " arguments");
        }
        return new Command(spec, options, List.copyOf(words.subList(i, words.size())));
    }

    private CommandResult transact(List<String> argv, GlobalOptions g, List<Command> commands, StringBuilder err) {
        if (!db.vswitchd().ovsdbServerRunning()) {
            throw new VsctlError("unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)");
        }
        // read-only invocations run on the database itself; anything that may write gets a working copy
        boolean writes = commands.stream().anyMatch(c -> c.spec().writes()) || db.openVswitch().isEmpty();
        OvsDatabase work = writes ? db.copy() : db;
        OvsRow ovs = work.openVswitch().orElseGet(() -> work.insert("Open_vSwitch"));
        List<UUID> expect = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Command cmd : commands) {
            VsctlContext ctx = new VsctlContext(work, ovs, cmd.options(), cmd.args(), expect, g);
            try {
                cmd.spec().run().accept(ctx);
            } catch (ExitStatus e) {
                // br-exists: exits at once with its status, nothing committed
                return new CommandResult(argv, e.status, "", err.toString());
            }
            outputs.add(ctx.out.toString());
        }
        if (!writes) return new CommandResult(argv, 0, output(g, outputs), err.toString());
        work.collectGarbage();
        String violation = ServerChecks.violation(work);
        if (violation != null) {
            err.append(timestamp.get()).append("|00002|ovsdb_idl|WARN|transaction error: ").append(violation).append('\n');
            throw new VsctlError("transaction error: " + violation);
        }
        boolean changed = !work.sameTables(db);
        if (changed && !g.dryRun) {
            if (g.wait) {
                OvsRow o = work.openVswitch().orElseThrow();
                o.put("next_cfg", Datum.of(o.integer("next_cfg") + 1));
            }
            db.replaceWith(work);
            Vswitchd.reconfigure(db, links);
            if (g.wait && !db.vswitchd().running()) {
                // the real ovs-vsctl waits for ovs-vswitchd until --timeout kills it (SIGALRM)
                err.append(timestamp.get()).append("|00002|fatal_signal|WARN|terminating with signal 14 (Alarm clock)\n");
                return new CommandResult(argv, 142, "", err.toString());
            }
            if (g.wait) postReloadChecks(expect, err);
        }
        return new CommandResult(argv, 0, output(g, outputs), err.toString());
    }

    private static String output(GlobalOptions g, List<String> outputs) {
        StringBuilder out = new StringBuilder();
        for (String o : outputs) {
            if (g.oneline) {
                String t = o.endsWith("\n") ? o.substring(0, o.length() - 1) : o;
                out.append(t.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            } else {
                out.append(o);
            }
        }
        return out.toString();
    }

    /** post_db_reload_do_checks: new interfaces vswitchd failed to set up (ofport -1). */
    private void postReloadChecks(List<UUID> expect, StringBuilder err) {
        boolean any = false;
        for (UUID u : expect) {
            OvsRow i = db.row("Interface", u).orElse(null);
            if (i == null) continue;
            Long of = i.integer("ofport");
            if (of != null && of == -1) {
                String e = i.string("error");
                err.append("ovs-vsctl: Error detected while setting up '").append(i.name()).append("'")
                        .append(e != null ? ": " + e + "." : ".").append("  See ovs-vswitchd log for details.\n");
                any = true;
            }
        }
        if (any) err.append("ovs-vsctl: The default log directory is \"/var/log/openvswitch\".\n");
    }
}
