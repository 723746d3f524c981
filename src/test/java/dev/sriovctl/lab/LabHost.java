package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lab seen as a {@link Host}: what sriovctl would do on a real machine lands in the lab's real
 * Open vSwitch and real ifupdown2, and nowhere else.
 * <ul>
 *   <li>{@code ovs-vsctl}, {@code ovs-appctl}, {@code ovs-ofctl}, {@code ovsdb-client}: against the lab's
 *       daemons ({@code OVS_RUNDIR});</li>
 *   <li>{@code ip ...}: {@code ip -n <switch namespace> ...} ({@code ip netns ...} and {@code -n} are refused);
 *       {@code ping}, {@code tc}: inside the switch namespace;</li>
 *   <li>{@code ifup}, {@code ifdown}, {@code ifreload}, {@code ifquery}: the lab's private ifupdown2;</li>
 *   <li>{@code systemctl restart|try-restart|is-active openvswitch-switch|ovs-vswitchd|ovsdb-server} and
 *       {@code service openvswitch-switch restart}: the lab's daemons (openvswitch-switch and ovsdb-server
 *       restart both, ovs-vswitchd only itself, as Debian's units do);</li>
 *   <li>{@code /etc/network/interfaces}, {@code /etc/network/interfaces.d/*} (and directories added with
 *       {@link #withDirectory}): files under the lab directory, written atomically by the same code as
 *       {@link LocalHost};</li>
 *   <li>{@code /sys/class/net/...}: read-only, from inside the switch namespace
 *       ({@code ip netns exec NS cat|ls|readlink|test}, as argv).</li>
 * </ul>
 * Anything else is refused with a {@link HostException} naming what the lab does handle: a test must
 * never reach this machine's own kernel, udev or files by accident. Combine with a simulated host
 * through {@link RoutingHost} for the NIC side.
 */
public final class LabHost implements Host {

    static final Set<String> OVS_TOOLS = Set.of("ovs-vsctl", "ovs-appctl", "ovs-ofctl", "ovsdb-client");
    static final Set<String> IN_NAMESPACE = Set.of("ping", "tc");
    static final Set<String> SERVICE_TOOLS = Set.of("systemctl", "service");
    private static final String SYSFS_NET = "/sys/class/net";

    private final OvsLab lab;
    /** Host path -> lab path, longest first. */
    private final Map<String, Path> files;

    public LabHost(OvsLab lab) {
        this(lab, Map.of(
                "/etc/network/interfaces", lab.hostFile("/etc/network/interfaces"),
                "/etc/network/interfaces.d", lab.hostFile("/etc/network/interfaces.d")));
    }

    private LabHost(OvsLab lab, Map<String, Path> files) {
        this.lab = lab;
        Map<String, Path> sorted = new LinkedHashMap<>();
        files.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> -e.getKey().length()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        this.files = sorted;
    }

    /**
     * The same lab host, also mapping {@code hostDir} (e.g. {@code /var/lib/sriovctl} for the apply
     * journal, {@code /etc/udev/rules.d}) to a directory of the same path under the lab.
     */
    public LabHost withDirectory(String hostDir) {
        String d = normalize(hostDir);
        Map<String, Path> more = new LinkedHashMap<>(files);
        more.put(d, lab.hostFile(d));
        return new LabHost(lab, more);
    }

    public OvsLab lab() {
        return lab;
    }

    /** The argv[0] this host runs: route these to it from a {@link RoutingHost}. */
    public List<String> commands() {
        List<String> all = new ArrayList<>(OVS_TOOLS);
        all.add("ip");
        all.addAll(IN_NAMESPACE);
        all.addAll(SERVICE_TOOLS);
        all.addAll(PrivateIfupdown2.COMMANDS);
        return all.stream().sorted().toList();
    }

    /** The path prefixes this host serves: route these to it from a {@link RoutingHost}. */
    public List<String> paths() {
        List<String> all = new ArrayList<>(files.keySet());
        all.add(SYSFS_NET);
        return all.stream().sorted().toList();
    }

    @Override
    public String description() {
        return "OVS lab " + lab.name() + " (real Open vSwitch" + (lab.topology().ifupdown2() ? " and ifupdown2" : "")
                + " in namespace " + lab.switchNamespace() + ")";
    }

    @Override
    public Optional<String> hostname() {
        return Optional.of("ovslab");
    }

    @Override
    public boolean mutable() {
        return true;
    }

    // ------------------------------------------------------------------------------------ files

    @Override
    public Optional<byte[]> readBytes(String path) {
        Optional<Path> f = mapped(path);
        if (f.isPresent()) {
            try {
                if (!Files.isRegularFile(f.get())) return Optional.empty();
                byte[] b = Files.readAllBytes(f.get());
                if (!path.equals("/etc/network/interfaces")) return Optional.of(b);
                // the lab's interfaces file sources the lab's interfaces.d by its lab path (the private
                // ifupdown2 reads that); the host sees it by its host path, as on a real host
                String root = lab.hostFile("/").toString();
                return Optional.of(new String(b, StandardCharsets.UTF_8).replace(root.endsWith("/") ? root : root + "/", "/")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        CommandResult r = sysfs(path, "cat", path);
        return r.ok() ? Optional.of(r.stdout().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public List<String> list(String dir) {
        Optional<Path> f = mapped(dir);
        if (f.isPresent()) {
            try (Stream<Path> s = Files.list(f.get())) {
                return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".sriovctl-tmp")).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        CommandResult r = sysfs(dir, "ls", "-1", "-A", dir);
        return r.ok() ? r.stdout().lines().filter(s -> !s.isEmpty()).sorted().toList() : List.of();
    }

    @Override
    public Optional<String> readLink(String path) {
        Optional<Path> f = mapped(path);
        if (f.isPresent()) {
            try {
                return Optional.of(Files.readSymbolicLink(f.get()).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        CommandResult r = sysfs(path, "readlink", path);
        return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    @Override
    public boolean exists(String path) {
        Optional<Path> f = mapped(path);
        if (f.isPresent()) return Files.exists(f.get());
        return sysfs(path, "test", "-e", path).ok();
    }

    @Override
    public boolean isDirectory(String path) {
        Optional<Path> f = mapped(path);
        if (f.isPresent()) return Files.isDirectory(f.get());
        return sysfs(path, "test", "-d", path).ok();
    }

    @Override
    public void writeAttribute(String path, String value) {
        Path f = mapped(path, "write").orElseThrow(() -> refused("write to " + path
                + " (the lab's /sys/class/net is read-only here; change links with 'ip ...')"));
        LocalHost.AtomicFiles.write(f, (value.endsWith("\n") ? value : value + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        Path f = mapped(path, "write").orElseThrow(() -> refused("write " + path + " (read-only here)"));
        LocalHost.AtomicFiles.write(f, content, mode);
    }

    @Override
    public void deleteFile(String path) {
        Path f = mapped(path, "delete").orElseThrow(() -> refused("delete " + path + " (read-only here)"));
        try {
            Files.deleteIfExists(f);
        } catch (NoSuchFileException e) {
            // absent is not an error
        } catch (IOException e) {
            throw new HostException("cannot remove " + path + " (lab file " + f + "): " + e.getMessage(), e);
        }
    }

    /** The lab file for a mapped host path; empty for /sys/class/net; refused for anything else. */
    private Optional<Path> mapped(String path) {
        return mapped(path, "access");
    }

    private Optional<Path> mapped(String path, String verb) {
        String p = normalize(path);
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String prefix = e.getKey();
            if (p.equals(prefix)) return Optional.of(e.getValue());
            if (p.startsWith(prefix + "/")) return Optional.of(e.getValue().resolve(p.substring(prefix.length() + 1)));
        }
        if (p.equals(SYSFS_NET) || p.startsWith(SYSFS_NET + "/")) return Optional.empty();
        throw refused(verb + " " + path);
    }

    private CommandResult sysfs(String path, String... argv) {
        return lab.inNamespace(lab.switchNamespace(), List.of(argv), Duration.ofSeconds(10));
    }

    private static String normalize(String path) {
        if (path == null || !path.startsWith("/") || path.contains("\0")) {
            throw new HostException("the lab host takes absolute paths, got: " + path);
        }
        String p = Path.of(path).normalize().toString();
        if (!p.equals(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path)) {
            throw new HostException("the lab host takes normalized paths (no '.', '..' or '//'), got: " + path);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------ commands

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) throw new HostException("empty argv");
        String cmd = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        if (OVS_TOOLS.contains(cmd)) return Optional.of(LabProcesses.run(argv, lab.ovsEnvironment(), timeout));
        if (cmd.equals("ip")) return Optional.of(ip(argv, timeout));
        if (IN_NAMESPACE.contains(cmd)) return Optional.of(lab.inNamespace(lab.switchNamespace(), argv, timeout));
        if (PrivateIfupdown2.COMMANDS.contains(cmd)) {
            if (!lab.topology().ifupdown2()) throw refused("run " + cmd + " (this lab was started without ifupdown2: LabTopology.withIfupdown2())");
            return Optional.of(lab.ifupdown2().run(cmd, args));
        }
        if (cmd.equals("systemctl") && args.size() >= 2) return Optional.of(service(argv, args.get(0), args.subList(1, args.size())));
        if (cmd.equals("service") && args.size() == 2) return Optional.of(service(argv, args.get(1), List.of(args.get(0))));
        throw refused("run " + String.join(" ", argv));
    }

    private CommandResult ip(List<String> argv, Duration timeout) {
        for (String a : argv.subList(1, argv.size())) {
            if (a.equals("-n") || a.startsWith("-netns") || a.equals("netns") || a.equals("-all") || a.equals("-b") || a.startsWith("-batch")) {
                throw refused("run " + String.join(" ", argv) + " ('ip' runs inside the lab namespace; namespaces and batches are the harness's)");
            }
        }
        List<String> full = new ArrayList<>(List.of("ip", "-n", lab.switchNamespace()));
        full.addAll(argv.subList(1, argv.size()));
        CommandResult r = LabProcesses.run(full, Map.of(), timeout);
        return new CommandResult(argv, r.exitCode(), r.stdout(), r.stderr());
    }

    /** systemctl VERB UNIT... / service UNIT VERB, for the units of Debian's openvswitch-switch. */
    private CommandResult service(List<String> argv, String verb, List<String> units) {
        List<String> names = new ArrayList<>();
        for (String u : units) {
            String unit = u.endsWith(".service") ? u.substring(0, u.length() - 8) : u;
            if (!List.of("openvswitch-switch", "ovsdb-server", "ovs-vswitchd").contains(unit)) {
                throw refused("run " + String.join(" ", argv) + " (the lab has only openvswitch-switch, ovs-vswitchd and ovsdb-server)");
            }
            names.add(unit);
        }
        switch (verb) {
            case "restart", "try-restart", "force-reload", "reload-or-restart" -> {
                // Debian 12's units: ovsdb-server and ovs-vswitchd are PartOf=openvswitch-switch, and
                // ovs-vswitchd Requires=ovsdb-server, so restarting either of those two restarts both
                if (names.contains("openvswitch-switch") || names.contains("ovsdb-server")) lab.restartOvsdbServer();
                lab.restartVswitchd();
                return new CommandResult(argv, 0, "", "");
            }
            case "is-active" -> {
                StringBuilder out = new StringBuilder();
                boolean all = true;
                for (String unit : names) {
                    List<String> daemons = unit.equals("openvswitch-switch") ? List.of("ovsdb-server", "ovs-vswitchd") : List.of(unit);
                    boolean up = daemons.stream().allMatch(d -> lab.pid(d).map(pid -> !LabProcesses.gone(pid)).orElse(false));
                    out.append(up ? "active\n" : "inactive\n");
                    all &= up;
                }
                // one line per unit; systemctl is-active exits 3 when a unit is not active
                return new CommandResult(argv, all ? 0 : 3, out.toString(), "");
            }
            default -> throw refused("run " + String.join(" ", argv) + " (the lab supports restart, try-restart, force-reload, reload-or-restart, is-active)");
        }
    }

    private HostException refused(String what) {
        return new HostException("the OVS lab host cannot " + what + ": it handles only commands " + commands()
                + " and paths " + paths() + "; route anything else to another Host with RoutingHost");
    }

    @Override
    public String originOf(List<String> argv) {
        return "lab " + lab.name() + ": " + String.join(" ", argv);
    }

    @Override
    public String originOfFile(String path) {
        return mapped(path).map(Path::toString).orElse("lab " + lab.name() + " namespace " + lab.switchNamespace() + ": " + path);
    }
}
