package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;
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
import java.util.UUID;
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
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
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
        batch(null, all.stream().map(ns -> "netns add " + ns).toList());
        batch(switchNamespace(), List.of("link set lo up"));
        // bridge ports carry no IPv6 of their own: no RS/DAD noise from them (README section 8, item 12)
        inNamespaceOk(switchNamespace(), List.of("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"));
        startDaemons();
        long t1 = System.nanoTime();
        buildTorSide();
        topology.hostBridge().ifPresent(this::buildHostBridge);
        long t2 = System.nanoTime();
        topology.hostBridge().ifPresent(b -> awaitBondsNegotiated(Duration.ofSeconds(30), b.bond(), LabTopology.TOR_BOND));
        long t3 = System.nanoTime();
        if (topology.ifupdown2()) ifupdown2 = PrivateIfupdown2.install(this);
        long t4 = System.nanoTime();
        timings = new Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t0));
        System.err.printf("[lab %s] up in %d ms (daemons %d, topology %d, LACP %d, ifupdown2 %d)%n",
                name, timings.totalMs(), timings.daemonsMs(), timings.topologyMs(), timings.lacpMs(), timings.ifupdown2Ms());
    }

    private void startDaemons() {
        String db = dir.resolve("db/conf.db").toString();
        String sock = "unix:" + dir.resolve("run/db.sock");
        LabProcesses.check(List.of("ovsdb-tool", "create", db, SCHEMA), ovsEnv);
        // -v options before --log-file, or the daemons print "opened log file" anyway (README section 8, item 4)
        inNamespaceOk(switchNamespace(), List.of("ovsdb-server", db, "--remote=punix:" + dir.resolve("run/db.sock"),
                "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                "-vconsole:off", "-vsyslog:off", "--pidfile", "--detach", "--no-chdir", "--log-file"));
        String version = LabProcesses.check(List.of("ovs-vswitchd", "--version"), ovsEnv).lines().findFirst().orElse("");
        String dbVersion = LabProcesses.check(List.of("ovsdb-tool", "schema-version", SCHEMA), ovsEnv).strip();
        // Only ovs-ctl records ovs_version and system-id (README section 8, item 3). TSO must be on before
        // vswitchd starts, or every TCP segment arrives with a bad checksum (README section 4).
        vsctlOk("--no-wait", "--", "init", "--", "set", "Open_vSwitch", ".",
                "ovs_version=" + version.substring(version.lastIndexOf(' ') + 1),
                "db_version=" + dbVersion,
                "external_ids:system-id=lab-" + UUID.randomUUID(),
                "external_ids:hostname=ovslab",
                "other_config:userspace-tso-enable=true");
        startVswitchd();
    }

    private void startVswitchd() {
        inNamespaceOk(switchNamespace(), List.of("ovs-vswitchd", "unix:" + dir.resolve("run/db.sock"),
                "-vconsole:off", "-vsyslog:off", "--pidfile", "--detach", "--no-chdir", "--log-file"));
        // "init --no-wait" does not bump next_cfg, so wait-until cur_cfg would hang; one waiting write
        // returns once vswitchd has applied it, which is "ready" (README section 8, item 2)
        vsctlOk("set", "Open_vSwitch", ".", "external_ids:lab=up");
    }

    /**
     * The veths (one {@code ip -batch} per namespace: the lab starts faster with few processes), the
     * tor bridge with its LACP bond, and the tor and vm hosts behind their veths.
     */
    private void buildTorSide() {
        List<String> sw = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String up = topology.uplinks().get(i), tor = LabTopology.TOR_PORTS.get(i);
            sw.addAll(List.of("link add " + up + " type veth peer name " + tor, "link set " + up + " up", "link set " + tor + " up"));
        }
        List<String> ports = new ArrayList<>(List.of(LabTopology.TOR_HOST_PORT));
        ports.addAll(topology.representors());
        List<String> hostNs = new ArrayList<>(List.of(torNamespace()));
        for (int i = 0; i < topology.representors().size(); i++) hostNs.add(vmNamespace(i));
        for (int i = 0; i < ports.size(); i++) {
            // the peer is "eth0" inside its own namespace: names are per namespace, so no clash
            sw.add("link add " + ports.get(i) + " type veth peer name eth0 netns " + hostNs.get(i));
            sw.add("link set " + ports.get(i) + " up");
        }
        batch(switchNamespace(), sw);
        for (int i = 0; i < hostNs.size(); i++) {
            String address = i == 0 ? LabTopology.TOR_ADDRESS : LabTopology.vmAddress(i - 1);
            batch(hostNs.get(i), List.of("link set lo up", "link set eth0 up",
                    "addr add " + address + "/" + LabTopology.PREFIX_LENGTH + " dev eth0"));
        }
        List<String> tor = new ArrayList<>(List.of("--", "add-br", LabTopology.TOR_BRIDGE,
                "--", "set", "Bridge", LabTopology.TOR_BRIDGE, "datapath_type=netdev",
                "--", "add-bond", LabTopology.TOR_BRIDGE, LabTopology.TOR_BOND));
        tor.addAll(LabTopology.TOR_PORTS);
        tor.addAll(BOND_OPTIONS);
        tor.addAll(List.of("--", "add-port", LabTopology.TOR_BRIDGE, LabTopology.TOR_HOST_PORT));
        vsctlOk(tor.toArray(String[]::new));
    }

    /** Runs ip commands from a batch file, in {@code ns} (or, for null, this machine's namespace: "netns add"). */
    private void batch(String ns, List<String> lines) {
        Path file = dir.resolve("tmp").resolve("ip-batch-" + BATCHES.incrementAndGet());
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (ns != null) argv.addAll(List.of("-n", ns));
        argv.addAll(List.of("-batch", file.toString()));
        LabProcesses.check(argv, Map.of());
    }

    /** What the code under test would do; the harness does it with plain ovs-vsctl for labs that only test traffic. */
    private void buildHostBridge(LabTopology.HostBridge b) {
        // datapath_type=netdev in the same transaction as add-br (README section 2)
        List<String> args = new ArrayList<>(List.of("--", "add-br", b.bridge(), "--", "set", "Bridge", b.bridge(),
                "datapath_type=netdev", "--", "add-bond", b.bridge(), b.bond()));
        args.addAll(topology.uplinks());
        args.addAll(BOND_OPTIONS);
        for (String rep : topology.representors()) args.addAll(List.of("--", "add-port", b.bridge(), rep));
        vsctlOk(args.toArray(String[]::new));
        batch(switchNamespace(), List.of("addr add " + LabTopology.BRIDGE_ADDRESS + "/" + LabTopology.PREFIX_LENGTH + " dev " + b.bridge(),
                "link set " + b.bridge() + " up"));
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
        stopDaemon("ovs-vswitchd", List.of("--cleanup"), problems);
        stopDaemon("ovsdb-server", List.of(), problems);
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
            deleteTree(dir);
        }
        downMs = ms(System.nanoTime() - t0);
        LabReaper.closed(this);
        System.err.printf("[lab %s] down in %d ms%n", name, downMs);
        List<String> left = LabReaper.namespaces().stream().filter(n -> n.startsWith(nsPrefix)).toList();
        if (!left.isEmpty()) problems.add("namespaces still present: " + left);
        if (!problems.isEmpty()) throw new IllegalStateException("lab " + name + " teardown: " + problems);
    }

    private void stopDaemon(String daemon, List<String> exitArgs, List<String> problems) {
        Optional<Long> pid = pid(daemon);
        if (pid.isEmpty()) return;
        List<String> argv = new ArrayList<>(List.of("ovs-appctl", "-t", daemon, "exit"));
        argv.addAll(exitArgs);
        try {
            LabProcesses.run(argv, ovsEnv, Duration.ofSeconds(10));
        } catch (HostException e) {
            problems.add(daemon + " exit: " + e.getMessage());
        }
        // "exit" returns before the process is gone; a zombie counts as gone (README section 8, item 9)
        if (!LabProcesses.awaitGone(pid.get(), Duration.ofSeconds(5))) {
            System.err.println("[lab " + name + "] " + daemon + " (" + pid.get() + ") did not exit; terminating it");
            LabProcesses.terminate(pid.get(), Duration.ofSeconds(2));
        }
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
        return LabProcesses.read(dir.resolve("run/" + daemon + ".pid"))
                .map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong);
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
     * Restarts ovs-vswitchd the way a service restart would: exit (without --cleanup, as a service
     * stop does), wait until it is gone, start it again in the switch namespace, wait until ready.
     * ovsdb-server and its database stay. Returns the new pid.
     */
    public long restartVswitchd() {
        List<String> problems = new ArrayList<>();
        stopDaemon("ovs-vswitchd", List.of(), problems);
        if (!problems.isEmpty()) throw new IllegalStateException("stopping ovs-vswitchd: " + problems);
        startVswitchd();
        return pid("ovs-vswitchd").orElseThrow(() -> new IllegalStateException("ovs-vswitchd wrote no pidfile"));
    }

    /** Restarts ovsdb-server on the same database file (vswitchd reconnects by itself). */
    public long restartOvsdbServer() {
        List<String> problems = new ArrayList<>();
        stopDaemon("ovsdb-server", List.of(), problems);
        if (!problems.isEmpty()) throw new IllegalStateException("stopping ovsdb-server: " + problems);
        String db = dir.resolve("db/conf.db").toString();
        inNamespaceOk(switchNamespace(), List.of("ovsdb-server", db, "--remote=punix:" + dir.resolve("run/db.sock"),
                "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                "-vconsole:off", "-vsyslog:off", "--pidfile", "--detach", "--no-chdir", "--log-file"));
        vsctlOk("set", "Open_vSwitch", ".", "external_ids:lab=up");
        return pid("ovsdb-server").orElseThrow(() -> new IllegalStateException("ovsdb-server wrote no pidfile"));
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
