package dev.sriovctl.sim.ifupdown;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.ovs.LinkException;
import dev.sriovctl.sim.ovs.LinkTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ifup}, {@code ifdown} and {@code ifreload} of Debian 12's ifupdown2 3.0.0, for the stanzas sriovctl
 * and Proxmox use: OVSBridge, OVSPort, OVSIntPort, OVSBond (and OVSTunnel/OVSPatchPort), Linux bonds
 * ({@code bond-*}), Linux bridges ({@code bridge-ports}), {@code address}, {@code mtu}, and admin state.
 *
 * <p>Semantics reproduced (notes/proxmox-api-and-vf-lag.md §5, lab/README.md §6, and the 3.0.0 source):
 * <ul>
 * <li>Dependencies: an OVS port depends on its {@code ovs-bridge}, a Linux bond on its slaves, a Linux bridge on its
 *     ports; OVS bond members ({@code ovs-bonds}) are not dependencies. {@code -a} starts from auto interfaces nobody
 *     depends on and brings dependencies up first; an interface named only as a dependency is brought up too.</li>
 * <li>OVS: one {@code /usr/bin/ovs-vsctl -- cmd -- cmd} per interface, built as the addons build it
 *     ({@link OvsAddon}), split like /bin/sh with {@code ${IFACE}} expanded, and run through the {@link CommandRunner}
 *     (the simulated ovs-vsctl, so ifupdown2 and sriovctl share one code path). A failing command is logged as
 *     {@code error: cmd '...' failed: returned N (output)} and the run exits 1.</li>
 * <li>An OVS port whose netdev does not exist after its ovs-vsctl (an OVSBond's {@code --fake-iface} never creates
 *     one; a missing representor) is put into ifupdown2's netlink cache as a placeholder; the addressvirtual addon then
 *     fails with {@code error: ifname NAME not present in cache}, exit 1, after OVS was configured (lab README §6).</li>
 * <li>{@code ifreload -a}: interfaces saved as up but gone from the file are taken down first (with their old stanza:
 *     del-port / del-br), then every auto interface is brought up again ({@code ifreload_down_changed=0}, as Debian
 *     ships it). {@code ifdown -a} skips an interface whose netdev does not exist, and a lower interface while one of
 *     its other upper netdevs still exists, so it leaves an OVS bridge (and a fake-iface bond) in place.</li>
 * </ul>
 * Not modelled: user commands (pre-up/up/post-up/down lines: reported as errors, since the simulation cannot run
 * them), gateways and routes, dhcp, VLAN/VXLAN/VRF interfaces, mako templates, {@code ifquery}.
 */
public final class Ifupdown2 {

    /** Runs a command ifupdown2 executes (here only {@code /usr/bin/ovs-vsctl ...}). */
    @FunctionalInterface
    public interface CommandRunner {
        CommandResult run(List<String> argv);
    }

    public static final String DEFAULT_INTERFACES = "/etc/network/interfaces";
    private static final List<String> USER_COMMANDS = List.of("pre-up", "up", "post-up", "pre-down", "down", "post-down");

    private final ConfigFiles files;
    private final LinkTable links;
    private final CommandRunner runner;
    private final Ifupdown2State state;
    private final Runnable netdevsChanged;

    public Ifupdown2(ConfigFiles files, LinkTable links, CommandRunner runner, Ifupdown2State state) {
        this(files, links, runner, state, () -> { });
    }

    /**
     * {@code netdevsChanged} runs after ifupdown2 created or deleted a netdev (a Linux bond or bridge): ovs-vswitchd
     * notices new netdevs (bridge.c if_notifier) and opens interfaces that were missing, so wire it to
     * {@code Vswitchd.reconfigure(db, links)}.
     */
    public Ifupdown2(ConfigFiles files, LinkTable links, CommandRunner runner, Ifupdown2State state, Runnable netdevsChanged) {
        this.files = files;
        this.links = links;
        this.runner = runner;
        this.state = state;
        this.netdevsChanged = netdevsChanged;
    }

    public Ifupdown2State state() {
        return state;
    }

    // ------------------------------------------------------------------ one run

    private final class Run {
        final StringBuilder err = new StringBuilder();
        final boolean verbose;
        boolean failed;
        final Set<String> placeholders = new LinkedHashSet<>();
        final Set<String> done = new LinkedHashSet<>();
        Map<String, Stanza> ifaces = new LinkedHashMap<>();
        final List<String> allow;
        final List<String> exclude;

        Run(boolean verbose, List<String> allow, List<String> exclude) {
            this.verbose = verbose;
            this.allow = allow;
            this.exclude = exclude;
        }

        void error(String msg) {
            err.append("error: ").append(msg).append('\n');
            failed = true;
        }

        void warning(String msg) {
            err.append("warning: ").append(msg).append('\n');
        }

        void info(String msg) {
            if (verbose) err.append("info: ").append(msg).append('\n');
        }

        boolean exists(String name) {
            return links.exists(name) || placeholders.contains(name);
        }

        /** The interfaces an interface depends on (its "lowerifaces"). */
        List<String> lowers(String name) {
            Stanza s = ifaces.get(name);
            if (s == null) return List.of();
            List<String> out = new ArrayList<>();
            if (s.isOvsPort()) out.add(s.first("ovs-bridge"));
            if (s.isLinuxBond()) out.addAll(words(s.first("bond-slaves")));
            if (s.isLinuxBridge()) out.addAll(words(s.first("bridge-ports")));
            return out;
        }

        List<String> uppers(String name) {
            List<String> out = new ArrayList<>();
            for (String n : ifaces.keySet()) if (lowers(n).contains(name)) out.add(n);
            return out;
        }

        /** Interfaces named only as dependencies get an empty ("noconfig") stanza, as ifupdown2 creates them. */
        void addDependencies() {
            for (String n : List.copyOf(ifaces.keySet())) {
                for (String l : lowers(n)) {
                    if (!ifaces.containsKey(l)) ifaces.put(l, new Stanza(l, List.of(), null, Map.of(), true, List.of(), "", 0));
                }
            }
        }

        boolean whitelisted(Stanza s, boolean auto) {
            for (String e : exclude) if (java.util.regex.Pattern.compile(e).matcher(s.name()).find()) return false;
            if (!allow.isEmpty()) return s.classes().stream().anyMatch(allow::contains);
            return !auto || s.auto();
        }

        Map<String, String> env(Stanza s) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("IFACE", s.name());
            env.put("LOGICAL", s.name());
            env.put("METHOD", s.method() == null ? "" : s.method());
            env.put("ADDRFAM", String.join(",", s.families()));
            return env;
        }

        // -------------------------------------------------------------- up

        void up(String name, boolean followDependents) {
            if (done.contains(name)) return;
            for (String l : lowers(name)) {
                Stanza ls = ifaces.get(l);
                if (ls != null && (followDependents || ls.file().isEmpty())) up(l, followDependents);
            }
            if (done.contains(name)) return;
            done.add(name);
            opsUp(ifaces.get(name));
        }

        void opsUp(Stanza s) {
            info(s.name() + ": running ops ...");
            boolean ok = true;
            try {
                userCommands(s, "pre-up");
                if (s.isOvsBridge()) {
                    List<String> running = links.exists(s.name()) ? runningPorts(s.name()) : null;
                    List<String> known = new ArrayList<>(links.names());
                    known.addAll(ifaces.keySet());
                    ovsVsctl(s, OvsAddon.bridge(s, running, known));
                    if (!links.exists(s.name())) placeholders.add(s.name());
                }
                if (s.isOvsPort()) {
                    ovsVsctl(s, OvsAddon.port(s));
                    String t = s.ovsType();
                    if (!"OVSTunnel".equals(t) && !"OVSPatchPort".equals(t) && !links.exists(s.name())) placeholders.add(s.name());
                }
                if (s.isLinuxBond()) linuxBond(s);
                if (s.isLinuxBridge()) linuxBridge(s);
                if (s.isLinuxBond() || s.isLinuxBridge()) netdevsChanged.run();
            } catch (Failure | IllegalStateException e) {
                error(e.getMessage());
                ok = false;
            }
            if (links.exists(s.name())) {
                try {
                    String mtu = s.first("mtu");
                    if (mtu != null) links.setMtu(s.name(), Integer.parseInt(mtu.trim()));
                    addresses(s);
                    links.setAdminUp(s.name(), true);
                } catch (LinkException | NumberFormatException e) {
                    error(s.name() + ": " + e.getMessage());
                    ok = false;
                }
            }
            if (placeholders.contains(s.name()) && !links.exists(s.name())) {
                // addressvirtual's "up": get_ifindex() of a name only the cache placeholder knows
                error("ifname " + s.name() + " not present in cache");
            }
            try {
                userCommands(s, "up");
                userCommands(s, "post-up");
            } catch (Failure e) {
                error(e.getMessage());
                ok = false;
            }
            if (ok || !s.file().isEmpty()) state.up().put(s.name(), s);
        }

        List<String> runningPorts(String bridge) {
            List<String> argv = List.of("/usr/bin/ovs-vsctl", "list-ports", bridge);
            CommandResult r = runner.run(argv);
            if (r.exitCode() != 0) throw new Failure(format(String.join(" ", argv), r));
            List<String> ports = new ArrayList<>(r.stdout().lines().filter(l -> !l.isBlank()).toList());
            ports.sort(String::compareTo);
            return ports.isEmpty() ? null : ports;
        }

        void ovsVsctl(Stanza s, List<String> cmds) {
            if (cmds.isEmpty()) return;
            StringBuilder finalCmd = new StringBuilder("/usr/bin/ovs-vsctl");
            for (String c : cmds) finalCmd.append(" -- ").append(c);
            info("executing " + finalCmd);
            List<String> argv;
            try {
                argv = ShellCommand.split(finalCmd.toString(), env(s));
            } catch (ShellCommand.Unsupported e) {
                throw new Failure(e.getMessage());
            }
            CommandResult r = runner.run(argv);
            if (r.exitCode() != 0) throw new Failure(format(finalCmd.toString(), r));
        }

        String format(String cmd, CommandResult r) {
            String out = r.stdout() + r.stderr();
            return out.isEmpty() ? "cmd '" + cmd + "' failed: returned " + r.exitCode()
                    : "cmd '" + cmd + "' failed: returned " + r.exitCode() + " (" + out + ")";
        }

        void userCommands(Stanza s, String op) {
            for (String cmd : s.all(op)) {
                throw new Failure(s.name() + ": " + op + " cmd '" + cmd + "': running user commands is not modelled by the sriovctl simulation");
            }
        }

        void linuxBond(Stanza s) {
            List<String> slaves = words(s.first("bond-slaves"));
            try {
                if (!links.exists(s.name())) {
                    String miimon = s.first("bond-miimon");
                    links.createLinuxBond(new LinkTable.LinuxBond(s.name(), slaves, orDefault(s.first("bond-mode"), "balance-rr"),
                            miimon == null ? 0 : Integer.parseInt(miimon.trim()), orDefault(s.first("bond-xmit-hash-policy"), "layer2"),
                            orDefault(s.first("bond-lacp-rate"), "slow")));
                } else {
                    for (String l : links.names()) {
                        Optional<LinkTable.Link> link = links.link(l);
                        if (link.isPresent() && s.name().equals(link.get().master()) && !slaves.contains(l)) links.release(l);
                    }
                    for (String sl : slaves) {
                        if (links.link(sl).map(LinkTable.Link::master).filter(s.name()::equals).isEmpty()) links.enslave(s.name(), sl);
                    }
                }
                for (String sl : slaves) links.setAdminUp(sl, true);
            } catch (LinkException | NumberFormatException e) {
                throw new Failure(s.name() + ": " + e.getMessage());
            }
        }

        void linuxBridge(Stanza s) {
            List<String> ports = words(s.first("bridge-ports"));
            try {
                if (!links.exists(s.name())) links.createLinuxBridge(s.name(), ports);
                for (String p : ports) links.setAdminUp(p, true);
            } catch (LinkException e) {
                throw new Failure(s.name() + ": " + e.getMessage());
            }
        }

        void addresses(Stanza s) {
            Set<String> want = new LinkedHashSet<>();
            for (String a : s.all("address")) want.add(cidr(a.trim(), s.first("netmask")));
            Stanza before = state.up().get(s.name());
            if (before != null) {
                for (String a : before.all("address")) {
                    String c = cidr(a.trim(), before.first("netmask"));
                    if (!want.contains(c) && links.link(s.name()).map(l -> l.addresses().contains(c)).orElse(false)) {
                        links.removeAddress(s.name(), c);
                    }
                }
            }
            for (String c : want) {
                if (links.link(s.name()).map(l -> !l.addresses().contains(c)).orElse(false)) {
                    info(s.name() + ": netlink: ip addr add " + c + " dev " + s.name());
                    links.addAddress(s.name(), c);
                }
            }
        }

        // -------------------------------------------------------------- down

        void down(String name, String parent, boolean followDependents, boolean checkUppers, boolean all) {
            if (done.contains(name)) return;
            if (checkUppers && all) {
                for (String u : uppers(name)) {
                    if (!u.equals(parent) && exists(u)) return; // "skipping interface down, upperiface still around"
                }
            }
            done.add(name);
            opsDown(ifaces.get(name));
            for (String l : lowers(name)) {
                Stanza ls = ifaces.get(l);
                if (ls != null && (followDependents || ls.file().isEmpty())) down(l, name, followDependents, checkUppers, all);
            }
        }

        void opsDown(Stanza s) {
            info(s.name() + ": running ops ...");
            if (!exists(s.name())) {
                info(s.name() + ": does not exist");
                state.up().remove(s.name());
                return;
            }
            try {
                userCommands(s, "pre-down");
                userCommands(s, "down");
                for (String a : s.all("address")) {
                    String c = cidr(a.trim(), s.first("netmask"));
                    if (links.link(s.name()).map(l -> l.addresses().contains(c)).orElse(false)) links.removeAddress(s.name(), c);
                }
                if (links.exists(s.name())) links.setAdminUp(s.name(), false);
                if (s.isLinuxBridge()) links.deleteLinuxBridge(s.name());
                if (s.isLinuxBond()) links.deleteLinuxBond(s.name());
                if (s.isLinuxBond() || s.isLinuxBridge()) netdevsChanged.run();
                if (s.isOvsPort()) ovsVsctl(s, List.of("--if-exists del-port " + s.first("ovs-bridge") + " " + s.name()));
                if (s.isOvsBridge()) ovsVsctl(s, List.of("del-br " + s.name()));
                userCommands(s, "post-down");
            } catch (Failure e) {
                error(e.getMessage());
            } catch (LinkException e) {
                error(s.name() + ": " + e.getMessage());
            }
            state.up().remove(s.name());
        }

        /** Roots for -a: whitelisted interfaces nobody depends on, in file order. */
        List<String> roots(boolean auto) {
            List<String> out = new ArrayList<>();
            for (Stanza s : ifaces.values()) {
                if (s.file().isEmpty() || !whitelisted(s, auto)) continue;
                if (uppers(s.name()).isEmpty()) out.add(s.name());
            }
            return out;
        }
    }

    /** An addon failure: logged as an error, the interface and the run fail, the run goes on. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ commands

    /** Runs {@code ifup}, {@code ifdown} or {@code ifreload} (chosen by the basename of argv[0], as ifupdown2 does). */
    public CommandResult run(List<String> argv) {
        String prog = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        boolean all = false, verbose = false, currentlyUp = false;
        String file = DEFAULT_INTERFACES;
        List<String> allow = new ArrayList<>(), exclude = new ArrayList<>(), names = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-a", "--all" -> all = true;
                case "-v", "--verbose", "-d", "--debug" -> verbose = true;
                case "-f", "--force", "-s", "--syntax-check", "-y", "--systemd" -> { }
                case "-c", "--currently-up" -> currentlyUp = true;
                case "--allow", "-X", "--exclude", "-i", "--interfaces" -> {
                    if (i + 1 >= argv.size()) return usage(argv, prog, "argument " + a + ": expected one argument");
                    String v = argv.get(++i);
                    if (a.equals("--allow")) allow.add(v);
                    else if (a.equals("-X") || a.equals("--exclude")) exclude.add(v);
                    else if (prog.equals("ifreload")) return usage(argv, prog, "unrecognized arguments: " + a);
                    else file = v;
                }
                default -> {
                    if (a.startsWith("--allow=")) allow.add(a.substring(8));
                    else if (a.startsWith("-")) return usage(argv, prog, "unrecognized arguments: " + a);
                    else names.add(a);
                }
            }
        }
        Run run = new Run(verbose, allow, exclude);
        switch (prog) {
            case "ifup" -> {
                if (!all && names.isEmpty()) return usage(argv, prog, "one of the arguments -a/--all or an interface name is required");
                up(run, file, all, names);
            }
            case "ifdown" -> {
                if (!all && names.isEmpty()) return usage(argv, prog, "one of the arguments -a/--all or an interface name is required");
                down(run, file, all, names);
            }
            case "ifreload" -> {
                if (!all && !currentlyUp) return usage(argv, prog, "one of the arguments -a/--all -c/--currently-up is required");
                if (!names.isEmpty()) return usage(argv, prog, "unrecognized arguments: " + String.join(" ", names));
                reload(run, file, currentlyUp);
            }
            default -> {
                return new CommandResult(argv, 1, "", "error: " + prog + ": not an ifupdown2 command\n");
            }
        }
        return new CommandResult(argv, run.failed ? 1 : 0, "", run.err.toString());
    }

    private static CommandResult usage(List<String> argv, String prog, String message) {
        return new CommandResult(argv, 2, "", "usage: " + prog + " [-h] ...\n" + prog + ": error: " + message + "\n");
    }

    private boolean read(Run run, String file) {
        run.info("processing interfaces file " + file);
        InterfacesParser.Result parsed = InterfacesParser.parse(files, file);
        for (InterfacesParser.Problem p : parsed.problems()) {
            run.err.append(p.render()).append('\n');
            if (p.level().equals("error")) run.failed = true;
        }
        // warnings fail the run too (read_iface_config returns False on errors or warnings)
        if (!parsed.problems().isEmpty()) run.failed = true;
        run.ifaces = new LinkedHashMap<>(parsed.stanzas());
        run.addDependencies();
        return true;
    }

    private void up(Run run, String file, boolean all, List<String> names) {
        read(run, file);
        if (all) {
            List<String> roots = run.roots(true);
            if (roots.isEmpty() && run.ifaces.values().stream().noneMatch(s -> run.whitelisted(s, true))) {
                run.error("no ifaces found matching given allow lists");
                return;
            }
            for (String r : roots) run.up(r, true);
        } else {
            List<String> missing = names.stream().filter(n -> !run.ifaces.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                run.error("cannot find interfaces: " + String.join(" ", missing));
                return;
            }
            for (String n : names) run.up(n, false);
        }
    }

    private void down(Run run, String file, boolean all, List<String> names) {
        if (!state.isEmpty()) {
            run.ifaces = new LinkedHashMap<>(state.up());
            run.addDependencies();
        } else {
            read(run, file);
        }
        if (all) {
            List<String> roots = run.roots(true);
            java.util.Collections.reverse(roots);
            for (String r : roots) run.down(r, null, true, true, true);
        } else {
            List<String> missing = names.stream().filter(n -> !run.ifaces.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                run.error("cannot find interfaces: " + String.join(" ", missing) + " (interface was probably never up ?)");
                return;
            }
            for (String n : names) run.down(n, null, false, true, false);
        }
    }

    private void reload(Run run, String file, boolean currentlyUp) {
        read(run, file);
        Map<String, Stanza> fresh = run.ifaces;
        if (fresh.isEmpty()) {
            run.warning("nothing to reload ..exiting.");
            return;
        }
        if (!state.isEmpty()) {
            Map<String, Stanza> old = new LinkedHashMap<>(state.up());
            List<String> downList = new ArrayList<>();
            for (Stanza o : old.values()) {
                if (!currentlyUp && !o.auto() && !o.file().isEmpty()) continue;
                Stanza n = fresh.get(o.name());
                if (n == null || (n.file().isEmpty() && !o.file().isEmpty())) {
                    downList.add(o.name());
                } else if ((o.isLinuxBond() || o.isLinuxBridge()) && !n.isLinuxBond() && !n.isLinuxBridge()) {
                    run.warning(o.name() + ": moved from being a " + (o.isLinuxBond() ? "bond" : "bridge")
                            + " to a physical interface (non-logical interface).This interface will be downed.\n"
                            + " If this was not intentional, please restore the original interface definition and execute ifreload");
                    downList.add(o.name());
                }
            }
            if (!downList.isEmpty()) {
                run.info("reload: scheduling down on interfaces: " + downList);
                run.ifaces = old;
                run.addDependencies();
                new TreeSet<>(downList).forEach(n -> run.down(n, null, false, false, false));
                run.done.clear();
            }
        }
        run.ifaces = fresh;
        List<String> targets = currentlyUp ? new ArrayList<>(state.up().keySet()) : null;
        if (currentlyUp) {
            targets.retainAll(fresh.keySet());
            for (String t : targets) run.up(t, true);
        } else {
            for (String r : run.roots(true)) run.up(r, true);
        }
    }

    private static List<String> words(String v) {
        if (v == null) return List.of();
        List<String> out = new ArrayList<>(Arrays.asList(v.trim().split("\\s+")));
        out.removeIf(w -> w.isEmpty() || w.equals("none"));
        return out;
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v.trim();
    }

    /** "192.168.1.2/24", or a bare address with {@code netmask} (dotted or length); a bare IPv4 address is /32. */
    static String cidr(String address, String netmask) {
        if (address.contains("/")) return address;
        boolean v6 = address.contains(":");
        if (netmask == null) return address + (v6 ? "/128" : "/32");
        String nm = netmask.trim();
        if (nm.matches("\\d+")) return address + "/" + nm;
        int bits = 0;
        for (String o : nm.split("\\.")) bits += Integer.bitCount(Integer.parseInt(o));
        return address + "/" + bits;
    }
}
