package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@link Host} made of several: commands go by argv[0], paths by their longest routed prefix
 * (whole path components: {@code /etc/network/interfaces} does not route {@code /etc/network/interfaces.d}).
 * What matches no route goes to the {@code otherwise} host, or is refused with a {@link HostException}
 * when there is none. Typical use: the simulated ConnectX host for the kernel, sysfs, devlink and udev,
 * with the lab's real Open vSwitch and ifupdown2 routed in:
 * <pre>
 * Host host = RoutingHost.builder("simulated NIC + real OVS lab")
 *         .otherwise(simHost)                      // everything else, and the clock
 *         .commands(labHost, labHost.commands())   // ovs-vsctl, ovs-appctl, ifreload, ip, systemctl ...
 *         .paths(labHost, labHost.paths())         // /etc/network/interfaces(.d), /sys/class/net
 *         .build();
 * </pre>
 * Mind what each side knows: routed this way, {@code ip} and {@code /sys/class/net} show the lab's veths,
 * not the simulated PFs; route them to the simulated host instead when the code reads PFs from them.
 */
public final class RoutingHost implements Host {

    private final String description;
    private final Map<String, Host> commands;
    private final Map<String, Host> paths;
    private final Host otherwise;
    private final Host clock;

    private RoutingHost(Builder b) {
        this.description = b.description;
        this.commands = Map.copyOf(b.commands);
        Map<String, Host> sorted = new LinkedHashMap<>();
        b.paths.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Host> e) -> -e.getKey().length()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        this.paths = sorted;
        this.otherwise = b.otherwise;
        this.clock = b.clock != null ? b.clock : b.otherwise != null ? b.otherwise : b.first;
    }

    public static Builder builder(String description) {
        return new Builder(description);
    }

    public static final class Builder {
        private final String description;
        private final Map<String, Host> commands = new LinkedHashMap<>();
        private final Map<String, Host> paths = new LinkedHashMap<>();
        private Host otherwise;
        private Host clock;
        private Host first;

        private Builder(String description) {
            this.description = Objects.requireNonNull(description);
        }

        /** Commands whose argv[0] is {@code name} go to {@code host}. */
        public Builder command(String name, Host host) {
            if (name.isEmpty() || name.contains(" ")) throw new IllegalArgumentException("not a command name: '" + name + "'");
            if (commands.containsKey(name)) throw new IllegalArgumentException("command routed twice: " + name);
            commands.put(name, remember(host));
            return this;
        }

        public Builder commands(Host host, Collection<String> names) {
            names.forEach(n -> command(n, host));
            return this;
        }

        /** The path {@code prefix} and everything below it go to {@code host}. */
        public Builder path(String prefix, Host host) {
            String p = normalize(prefix);
            if (p.equals("/")) throw new IllegalArgumentException("route '/' with otherwise(host)");
            if (paths.containsKey(p)) throw new IllegalArgumentException("path routed twice: " + p);
            paths.put(p, remember(host));
            return this;
        }

        public Builder paths(Host host, Collection<String> prefixes) {
            prefixes.forEach(p -> path(p, host));
            return this;
        }

        /** Where everything unrouted goes (and, unless {@link #clock} says otherwise, whose clock {@link Host#pause} uses). */
        public Builder otherwise(Host host) {
            this.otherwise = remember(host);
            return this;
        }

        /** Whose {@link Host#pause} and {@link Host#hostname} to use (a simulated host advances its own clock). */
        public Builder clock(Host host) {
            this.clock = remember(host);
            return this;
        }

        private Host remember(Host h) {
            Objects.requireNonNull(h);
            if (first == null) first = h;
            return h;
        }

        public RoutingHost build() {
            if (first == null) throw new IllegalStateException("a routing host needs at least one route");
            return new RoutingHost(this);
        }
    }

    /** The host a command goes to. */
    public Host hostForCommand(String argv0) {
        Host h = commands.get(argv0);
        if (h != null) return h;
        if (otherwise != null) return otherwise;
        throw new HostException(description + ": no route for command '" + argv0 + "' (routed: " + commands.keySet().stream().sorted().toList() + ")");
    }

    /** The host a path goes to. */
    public Host hostForPath(String path) {
        String p = normalize(path);
        for (Map.Entry<String, Host> e : paths.entrySet()) {
            if (p.equals(e.getKey()) || p.startsWith(e.getKey() + "/")) return e.getValue();
        }
        if (otherwise != null) return otherwise;
        throw new HostException(description + ": no route for path " + path + " (routed: " + paths.keySet() + ")");
    }

    private static String normalize(String path) {
        if (path == null || !path.startsWith("/")) throw new HostException("an absolute path is needed, got: " + path);
        return Path.of(path).normalize().toString();
    }

    private Set<Host> delegates() {
        Set<Host> all = new LinkedHashSet<>(commands.values());
        all.addAll(paths.values());
        if (otherwise != null) all.add(otherwise);
        return all;
    }

    @Override
    public String description() {
        List<String> parts = new ArrayList<>();
        for (Host h : delegates()) parts.add(h.description());
        return description + " [" + String.join(" + ", parts) + "]";
    }

    @Override
    public Optional<String> hostname() {
        return clock.hostname();
    }

    /** Mutable only when every part is: a write may go to any of them. */
    @Override
    public boolean mutable() {
        return delegates().stream().allMatch(Host::mutable);
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        return hostForPath(path).readBytes(normalize(path));
    }

    @Override
    public Optional<String> read(String path) {
        return hostForPath(path).read(normalize(path));
    }

    @Override
    public List<String> list(String dir) {
        return hostForPath(dir).list(normalize(dir));
    }

    @Override
    public Optional<String> readLink(String path) {
        return hostForPath(path).readLink(normalize(path));
    }

    @Override
    public boolean exists(String path) {
        return hostForPath(path).exists(normalize(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return hostForPath(path).isDirectory(normalize(path));
    }

    @Override
    public void writeAttribute(String path, String value) {
        hostForPath(path).writeAttribute(normalize(path), value);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        hostForPath(path).writeFile(normalize(path), content, mode);
    }

    @Override
    public void deleteFile(String path) {
        hostForPath(path).deleteFile(normalize(path));
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) throw new HostException("empty argv");
        return hostForCommand(argv.get(0)).run(argv, timeout);
    }

    @Override
    public String originOf(List<String> argv) {
        return argv.isEmpty() ? "" : hostForCommand(argv.get(0)).originOf(argv);
    }

    @Override
    public String originOfFile(String path) {
        return hostForPath(path).originOfFile(normalize(path));
    }

    @Override
    public void pause(Duration duration) {
        clock.pause(duration);
    }
}
