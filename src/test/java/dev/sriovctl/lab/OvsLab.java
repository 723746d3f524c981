package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.OvsBondShowParser;
import dev.sriovctl.observe.OvsBondShowParser.BondStatus;
import dev.sriovctl.observe.OvsLacpShowParser;
import dev.sriovctl.observe.OvsLacpShowParser.LacpStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private Open vSwitch on the userspace datapath, in network namespaces of its own, after the
 * tested recipe in {@code ../shared/lab/README.md}:
 * <pre>
 *  ns vm0..vmN: eth0 198.18.0.10+i --veth-- ovs-sw1pf0vfI --+
 *                                                          [host bridge] == [host bond] == enp129s0f0np0 , enp129s0f1np1
 *  ns sw: ovs-vswitchd, ovsdb-server, every bridge port                                    ||veth          ||veth
 *  ns tor: eth0 198.18.0.254 --veth-- tor-host -- tor ==== tor-bond (LACP partner) ======= tor-p0        , tor-p1
 * </pre>
 * ovs-vswitchd runs inside the "sw" namespace, so the userspace datapath opens its ports and creates
 * the taps of internal ports there (README section 0); ovsdb-server runs there too (it only has a unix
 * socket) so that every lab process can be found and killed through its namespace. ovs-vsctl and
 * ovs-appctl reach the daemons from anywhere through {@code OVS_RUNDIR} under the lab directory.
 * Nothing is created in the machine's own namespace except the namespace names themselves.
 *
 * <p>Close it (try-with-resources or {@link OvsLabExtension}); a shutdown hook and a sweep at the next
 * start clean up after runs that could not (see {@link LabReaper}).
 */
public final class OvsLab implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(20);

    /**
     * LACP on both bonds as the recipe negotiates it: balance-tcp, active LACP, fast PDUs (so a
     * partner loss is found in 3 s, not 90 s), fallback to active-backup on the Port (DESIGN: it is a
     * Port key, not an Open_vSwitch key).
     */
    public static final List<String> BOND_OPTIONS = List.of("lacp=active", "bond_mode=balance-tcp",
            "other_config:lacp-fallback-ab=true", "other_config:lacp-time=fast");

    /** How long starting and stopping took, in milliseconds. */
    public record Timings(long daemonsMs, long topologyMs, long lacpMs, long ifupdown2Ms, long totalMs) {
    }

    private final LabTopology topology;
    private final String name;
    private final Path dir;
    private final String nsPrefix;
    private final Map<String, String> ovsEnv;
    private final OvsDaemons daemons;
    private final List<String> namespaces = new ArrayList<>();
    private PrivateIfupdown2 ifupdown2;
    private Timings timings;
    private long downMs = -1;
    private boolean closed;

    private OvsLab(LabTopology topology) {
        this.topology = topology;
        this.name = ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        this.dir = LabReaper.labRoot().resolve(name);
        this.nsPrefix = LabReaper.PREFIX + name + "-";
        this.ovsEnv = Map.of(
                "OVS_RUNDIR", dir.resolve("run").toString(),
                "OVS_DBDIR", dir.resolve("db").toString(),
                "OVS_LOGDIR", dir.resolve("log").toString(),
                "OVS_SYSCONFDIR", dir.resolve("etc").toString());
        this.daemons = new OvsDaemons(dir, ovsEnv, switchNamespace());
    }

    /**
     * Starts a lab. Throws IllegalStateException naming the reason when this machine cannot run one
     * (check {@link LabPrerequisites} first to skip instead); anything failing later closes what was
     * built and rethrows.
     */
    public static OvsLab start(LabTopology topology) {
        LabPrerequisites.missing(topology).ifPresent(reason -> {
            throw new IllegalStateException("the OVS lab cannot start here: " + reason);
        });
        OvsLab lab = new OvsLab(topology);
        LabReaper.opening(lab);
        try {
            lab.up();
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return lab;
    }

    // ------------------------------------------------------------------------------------ up/down

    private void up() {
        long t0 = System.nanoTime();
        try {
            for (String d : List.of("run", "db", "log", "etc/openvswitch", "tmp", "root/etc/network/interfaces.d")) {
                Files.createDirectories(dir.resolve(d));
            }
            // The lab's /etc/network/interfaces: like Debian's, it only sources interfaces.d
            Files.writeString(hostFile("/etc/network/interfaces"),
                    "# lab copy of /etc/network/interfaces (written by the sriovctl test harness)\n"
                            + "source " + hostFile("/etc/network/interfaces.d") + "/*\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of(switchNamespace(), torNamespace()));
        for (int i = 0; i < topology.representors().size(); i++) all.add(vmNamespace(i));
        // recorded first, so a half-made namespace is still deleted by close()
        namespaces.addAll(all);
        LabWiring.batch(this, null, all.stream().map(ns -> "netns add " + ns).toList());
        LabWiring.batch(this, switchNamespace(), List.of("link set lo up"));
        // bridge ports carry no IPv6 of their own: no RS/DAD noise from them (README section 8, item 12)
        inNamespaceOk(switchNamespace(), List.of("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"));
        daemons.start();
        long t1 = System.nanoTime();
        LabWiring.torSide(this);
        topology.hostBridge().ifPresent(b -> LabWiring.hostBridge(this, b));
        long t2 = System.nanoTime();
        topology.hostBridge().ifPresent(b -> awaitBondsNegotiated(Duration.ofSeconds(30), b.bond(), LabTopology.TOR_BOND));
        long t3 = System.nanoTime();
        if (topology.ifupdown2()) ifupdown2 = PrivateIfupdown2.install(this);
        long t4 = System.nanoTime();
        timings = new Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t0));
        System.err.printf("[lab %s] up in %d ms (daemons %d, topology %d, LACP %d, ifupdown2 %d)%n",
                name, timings.totalMs(), timings.daemonsMs(), timings.topologyMs(), timings.lacpMs(), timings.ifupdown2Ms());
    }

    /**
     * Stops the daemons, kills whatever still runs in the lab's namespaces, deletes them (their veths
     * go with them) and the lab directory. Idempotent; also run by the shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        // --cleanup: vswitchd removes its datapath and the taps of internal ports
        daemons.stop("ovs-vswitchd", List.of("--cleanup")).ifPresent(problems::add);
        daemons.stop("ovsdb-server", List.of()).ifPresent(problems::add);
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            String ns = namespaces.get(i);
            try {
                LabReaper.deleteNamespace(ns);
            } catch (RuntimeException e) {
                problems.add(ns + ": " + e.getMessage());
            }
        }
        if (Boolean.getBoolean("sriovctl.lab.keep")) {
            System.err.println("[lab " + name + "] kept " + dir + " (-Dsriovctl.lab.keep=true)");
        } else {
            try {
                deleteTree(dir);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        downMs = ms(System.nanoTime() - t0);
        LabReaper.closed(this);
        System.err.printf("[lab %s] down in %d ms%n", name, downMs);
        List<String> left = LabReaper.namespaces().stream().filter(n -> n.startsWith(nsPrefix)).toList();
        if (!left.isEmpty()) problems.add("namespaces still present: " + left);
        if (!problems.isEmpty()) throw new IllegalStateException("lab " + name + " teardown: " + problems);
    }

    // ------------------------------------------------------------------------------------ queries

    public String name() {
        return name;
    }

    public LabTopology topology() {
        return topology;
    }

    /** The lab directory: run/, db/, log/ (OVS), root/ (the lab's copies of host files), ifupdown2/. */
    public Path dir() {
        return dir;
    }

    /** OVS_RUNDIR, OVS_DBDIR, OVS_LOGDIR, OVS_SYSCONFDIR of this lab: ovs-vsctl and ovs-appctl talk to it with these. */
    public Map<String, String> ovsEnvironment() {
        return ovsEnv;
    }

    /** The namespace of ovs-vswitchd and of every bridge port: the lab's "host". */
    public String switchNamespace() {
        return nsPrefix + "sw";
    }

    /** The namespace of the host behind the tor switch (198.18.0.254). */
    public String torNamespace() {
        return nsPrefix + "tor";
    }

    /** The namespace of the "vm" behind representor {@code index} (its eth0 is 198.18.0.10+index). */
    public String vmNamespace(int index) {
        if (index < 0 || index >= topology.representors().size()) {
            throw new IllegalArgumentException("no representor " + index + " in " + topology.representors());
        }
        return nsPrefix + "vm" + index;
    }

    public Timings timings() {
        return timings;
    }

    /** Teardown time in ms, or -1 while the lab is open. */
    public long downMs() {
        return downMs;
    }

    /** The lab file standing in for a host path, e.g. /etc/network/interfaces. */
    public Path hostFile(String hostPath) {
        if (!hostPath.startsWith("/") || hostPath.contains("/../") || hostPath.endsWith("/..")) {
            throw new IllegalArgumentException("not an absolute normalized host path: " + hostPath);
        }
        return dir.resolve("root").resolve(hostPath.substring(1));
    }

    /** The private ifupdown2 (the topology must ask for it). */
    public PrivateIfupdown2 ifupdown2() {
        if (ifupdown2 == null) throw new IllegalStateException("this lab has no ifupdown2: use LabTopology.withIfupdown2()");
        return ifupdown2;
    }

    /** The pid of ovs-vswitchd or ovsdb-server from its pidfile. */
    public Optional<Long> pid(String daemon) {
        return daemons.pid(daemon);
    }

    // ------------------------------------------------------------------------------------ commands

    /** ovs-vsctl against this lab (with a 10 s timeout, so a missing vswitchd cannot hang a test). */
    public CommandResult vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=10"));
        argv.addAll(List.of(args));
        return LabProcesses.run(argv, ovsEnv, CMD_TIMEOUT);
    }

    public String vsctlOk(String... args) {
        return vsctl(args).stdoutOrThrow();
    }

    /** ovs-appctl against this lab. */
    public CommandResult appctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-appctl"));
        argv.addAll(List.of(args));
        return LabProcesses.run(argv, ovsEnv, CMD_TIMEOUT);
    }

    /** {@code ip -n NS ARGS...} */
    public CommandResult ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        return LabProcesses.run(argv, Map.of(), CMD_TIMEOUT);
    }

    public String ipOk(String ns, String... args) {
        return ip(ns, args).stdoutOrThrow();
    }

    /** Runs argv inside a lab namespace ({@code ip netns exec NS argv...}) with the lab's OVS environment. */
    public CommandResult inNamespace(String ns, List<String> argv, Duration timeout) {
        requireOwn(ns);
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        return LabProcesses.run(full, ovsEnv, timeout);
    }

    public String inNamespaceOk(String ns, List<String> argv) {
        return inNamespace(ns, argv, CMD_TIMEOUT).stdoutOrThrow();
    }

    /** Starts argv in the background inside a lab namespace; its output goes to a file under tmp/. */
    public Process startInNamespace(String ns, List<String> argv, String logName) {
        requireOwn(ns);
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        return LabProcesses.start(full, ovsEnv, dir.resolve("tmp").resolve(logName));
    }

    /** {@code count} pings at {@code interval} from a lab namespace; waits for the summary. */
    public PingSummary ping(String fromNs, String address, int count, Duration interval) {
        CommandResult r = inNamespace(fromNs, pingArgv(address, count, interval),
                Duration.ofMillis(interval.toMillis() * count).plusSeconds(10));
        return PingSummary.parse(r.stdout());
    }

    static List<String> pingArgv(String address, int count, Duration interval) {
        // -i below 0.2 s needs root (the lab runs as root); -W 1: a lost reply counts after 1 s
        return List.of("ping", "-q", "-n", "-c", Integer.toString(count), "-i",
                String.format(java.util.Locale.ROOT, "%.3f", interval.toMillis() / 1000.0), "-W", "1", address);
    }

    /** The kernel's tx packet counter of a port in the switch namespace (balance-tcp: which member carries a flow). */
    public long txPackets(String port) {
        return Long.parseLong(inNamespaceOk(switchNamespace(),
                List.of("cat", "/sys/class/net/" + port + "/statistics/tx_packets")).strip());
    }

    public List<BondStatus> bondShow() {
        return OvsBondShowParser.parse(appctl("bond/show").stdoutOrThrow());
    }

    public List<LacpStatus> lacpShow() {
        return OvsLacpShowParser.parse(appctl("lacp/show").stdoutOrThrow());
    }

    /**
     * Waits until each named bond reports {@code lacp_status: negotiated} with every member enabled.
     * Fails with the real lacp/show output when it does not happen in time.
     */
    public void awaitBondsNegotiated(Duration timeout, String... bonds) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CommandResult r = appctl("bond/show");
            if (r.ok() && negotiated(OvsBondShowParser.parse(r.stdout()), List.of(bonds))) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("LACP did not negotiate on " + List.of(bonds) + " within " + timeout
                        + "\n--- ovs-appctl bond/show\n" + r.stdout() + r.stderr()
                        + "--- ovs-appctl lacp/show\n" + appctl("lacp/show").stdout());
            }
            LabProcesses.sleep(Duration.ofMillis(25));
        }
    }

    private static boolean negotiated(List<BondStatus> shown, List<String> bonds) {
        for (String b : bonds) {
            Optional<BondStatus> s = shown.stream().filter(x -> x.name().equals(b)).findFirst();
            if (s.isEmpty() || !"negotiated".equals(s.get().lacpStatus()) || s.get().members().isEmpty()
                    || !s.get().members().stream().allMatch(m -> Boolean.TRUE.equals(m.enabled()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Restarts ovs-vswitchd the way a service restart would: exit without --cleanup (as a service
     * stop does), wait until it is gone, start it again in the switch namespace, wait until ready.
     * ovsdb-server and its database stay. Returns the new pid.
     */
    public long restartVswitchd() {
        return daemons.restartVswitchd();
    }

    /** Restarts ovsdb-server on the same database file (vswitchd reconnects by itself). */
    public long restartOvsdbServer() {
        return daemons.restartOvsdbServer();
    }

    /** What to print when a lab test fails: OVS's view and the end of the vswitchd log. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder("=== lab " + name + " (" + dir + ")\n");
        for (List<String> argv : List.of(List.of("ovs-vsctl", "--timeout=5", "show"), List.of("ovs-appctl", "bond/show"),
                List.of("ovs-appctl", "lacp/show"))) {
            try {
                CommandResult r = LabProcesses.run(argv, ovsEnv, Duration.ofSeconds(10));
                sb.append("--- ").append(String.join(" ", argv)).append('\n').append(r.stdout()).append(r.stderr());
            } catch (RuntimeException e) {
                sb.append("--- ").append(String.join(" ", argv)).append(": ").append(e.getMessage()).append('\n');
            }
        }
        LabProcesses.read(dir.resolve("log/ovs-vswitchd.log")).ifPresent(log -> {
            List<String> lines = log.lines().toList();
            sb.append("--- ovs-vswitchd.log (last 40 lines)\n");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
        });
        return sb.toString();
    }

    private void requireOwn(String ns) {
        if (!namespaces.contains(ns)) throw new IllegalArgumentException("not a namespace of lab " + name + ": " + ns);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Deletes a directory tree without following symlinks (ifupdown2's command links point inside it). */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove lab directory " + root, e);
        }
    }
}
