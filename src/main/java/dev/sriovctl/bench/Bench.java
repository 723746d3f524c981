package dev.sriovctl.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sriovctl.Progress;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.observe.Iperf3JsonParser;
import dev.sriovctl.observe.Iperf3Result;
import dev.sriovctl.observe.JsonTreeParser;
import dev.sriovctl.observe.ParseException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sriovctl bench}: one iperf3 run between a client (optionally in a network namespace) and a
 * server (already running elsewhere, or started here, one-off, in a namespace), reported against
 * the link speed of the interface the traffic leaves by. Every command is an argv run through the
 * {@link Host} seam; nothing is written on the host except iperf3's own pid file.
 */
public final class Bench {
    private Bench() {
    }

    private static final Pattern ETHTOOL_SPEED = Pattern.compile("(?m)^\\s*Speed:\\s*(\\d+)\\s*Mb/s");

    public static BenchReport run(Host host, BenchRequest req) {
        return run(host, req, Progress.none());
    }

    /** The same, showing the two waits (the one-off server starting, the measurement itself) on {@code progress}. */
    public static BenchReport run(Host host, BenchRequest req, Progress progress) {
        if (!host.mutable()) {
            throw new HostException("bench runs iperf3 on this machine; a snapshot cannot run it");
        }
        String device = req.device() != null ? req.device() : routeDevice(host, req).orElse(null);
        Server server = req.serverNetns() == null ? null : Server.start(host, req, progress);
        CommandResult client;
        try {
            List<String> argv = CommandCatalog.inNetns(req.clientNetns(), CommandCatalog.iperf3Client(
                    req.server(), req.port(), req.streams(), req.seconds(), req.reverse(), req.device()));
            // one blocking run: the line says what runs and for how long, and goes when it returns
            try (Progress.Wait w = progress.begin("iperf3: " + req.streams() + (req.streams() == 1 ? " stream " : " streams ")
                    + (req.reverse() ? "from " : "to ") + req.server() + (req.device() == null ? "" : " via " + req.device()),
                    Duration.ofSeconds(req.seconds()))) {
                client = host.run(argv, Duration.ofSeconds(req.seconds() + 30L))
                        .orElseThrow(() -> missing("iperf3"));
            }
        } finally {
            if (server != null) server.stop();
        }
        Iperf3Result r;
        try {
            r = Iperf3JsonParser.parse(client.stdout());
        } catch (ParseException e) {
            throw new HostException("iperf3 printed no usable JSON (" + e.getMessage() + ")", client.argv(),
                    client.exitCode(), client.stderr(), e);
        }
        if (!r.ok()) {
            throw new HostException("iperf3 failed: " + r.error(), client.argv(), client.exitCode(), client.stderr(), null);
        }
        Speed speed = device == null ? Speed.UNKNOWN : linkSpeed(host, req.clientNetns(), device);
        Double received = gbps(r.receivedBitsPerSecond());
        Double rate = received == null || speed.mbps() == null ? null : received * 1000.0 / speed.mbps() * 100.0;
        return new BenchReport(req.server(), req.clientNetns(), device, speed.mbps(), speed.source(), r.protocol(),
                r.streams(), r.reverse(), r.seconds(), gbps(r.sentBitsPerSecond()), received, round(rate),
                r.retransmits(), round(r.hostCpuPercent()), round(r.remoteCpuPercent()), r.version());
    }

    /** The interface the route to the server leaves by ({@code ip -j route get}), if iproute2 says. */
    static Optional<String> routeDevice(Host host, BenchRequest req) {
        Optional<CommandResult> r = host.run(CommandCatalog.inNetns(req.clientNetns(), CommandCatalog.ipRouteGet(req.server())));
        if (r.isEmpty() || !r.get().ok()) return Optional.empty();
        try {
            JsonNode routes = JsonTreeParser.read(r.get().stdout());
            if (routes != null && routes.isArray() && routes.size() > 0 && routes.get(0).path("dev").isTextual()) {
                return Optional.of(routes.get(0).path("dev").asText());
            }
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    record Speed(Integer mbps, String source) {
        static final Speed UNKNOWN = new Speed(null, null);
    }

    /**
     * The link speed: sysfs {@code speed} first (read inside the namespace, whose /sys
     * {@code ip netns exec} mounts), ethtool second. -1 / unreadable (a link that is down) = unknown.
     */
    static Speed linkSpeed(Host host, String netns, String device) {
        String path = "/sys/class/net/" + device + "/speed";
        Optional<String> sysfs = netns == null ? host.read(path)
                : host.run(CommandCatalog.inNetns(netns, CommandCatalog.cat(path))).filter(CommandResult::ok).map(CommandResult::stdout);
        Integer mbps = sysfs.map(String::strip).filter(s -> s.matches("\\d+")).map(Integer::valueOf).filter(v -> v > 0).orElse(null);
        if (mbps != null) return new Speed(mbps, "sysfs " + path);
        Optional<CommandResult> eth = host.run(CommandCatalog.inNetns(netns, CommandCatalog.ethtoolLink(device)));
        if (eth.isPresent() && eth.get().ok()) {
            Matcher m = ETHTOOL_SPEED.matcher(eth.get().stdout());
            if (m.find()) return new Speed(Integer.valueOf(m.group(1)), "ethtool " + device);
        }
        return Speed.UNKNOWN;
    }

    private static Double gbps(Double bitsPerSecond) {
        return bitsPerSecond == null ? null : round(bitsPerSecond / 1e9);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100.0) / 100.0;
    }

    private static HostException missing(String tool) {
        return new HostException("'" + tool + "' is not installed on this machine: apt-get install " + tool);
    }

    /** A one-off iperf3 server started for this run in a namespace; stopped if the client did not end it. */
    private record Server(Host host, BenchRequest req, String pidFile) {

        static Server start(Host host, BenchRequest req, Progress progress) {
            String pidFile = System.getProperty("java.io.tmpdir") + "/sriovctl-bench-" + ProcessHandle.current().pid()
                    + "-" + req.port() + ".pid";
            List<String> argv = CommandCatalog.inNetns(req.serverNetns(), CommandCatalog.iperf3Server(req.port(), pidFile));
            host.run(argv).orElseThrow(() -> missing("iperf3")).stdoutOrThrow();
            Server s = new Server(host, req, pidFile);
            // --daemon returns before the socket listens: wait for it (bounded), or the client is refused.
            try (Progress.Wait w = progress.begin("iperf3 server starting in netns " + req.serverNetns(), Duration.ofSeconds(5))) {
                for (int i = 0; i < 50; i++) {
                    Optional<CommandResult> ss = host.run(CommandCatalog.inNetns(req.serverNetns(), CommandCatalog.ssListening(req.port())));
                    if (ss.isEmpty()) break; // no ss here: go on, the client reports a refusal clearly
                    if (ss.get().ok() && !ss.get().stdout().isBlank()) return s;
                    host.pause(Duration.ofMillis(100));
                    w.update(Duration.ofMillis(100L * (i + 1)), "port " + req.port() + " not listening yet");
                }
            }
            return s;
        }

        void stop() {
            // --one-off makes the server exit after the test; this covers a client that never connected.
            host.read(pidFile).map(String::strip).filter(p -> p.matches("\\d+")).ifPresent(pid -> {
                // only our iperf3: a pid can have been reused since it exited
                boolean ours = host.read("/proc/" + pid + "/comm").map(String::strip).filter("iperf3"::equals).isPresent();
                if (ours) host.run(CommandCatalog.kill(pid));
            });
            host.deleteFile(pidFile);
        }
    }
}
