package dev.sriovctl.apply;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reachability check of the connectivity guard ({@code --probe ping:ADDR}, {@code --probe tcp:HOST:PORT}),
 * run after the last step: a failure rolls the change back. Written in the journal as its text form.
 */
public sealed interface ConnectivityProbe permits ConnectivityProbe.Ping, ConnectivityProbe.Tcp {

    /** Whether the target answers now, and what was seen. */
    Result check(Host host);

    /** The form given on the command line, {@code ping:192.168.1.1}. */
    String text();

    record Result(boolean ok, String detail) {
    }

    /**
     * {@code ping -n -q -c 1 -w 6 ADDR} on the host (argv, no shell): at least one reply passes. With a
     * deadline ({@code -w}), ping sends once a second until one reply has come or 6 s have passed, so a
     * reachable target answers in milliseconds and a lost packet or two is retried (iputils ping(8)).
     */
    record Ping(String address) implements ConnectivityProbe {
        @Override
        public Result check(Host host) {
            List<String> argv = List.of("ping", "-n", "-q", "-c", "1", "-w", "6", address);
            Optional<CommandResult> r;
            try {
                r = host.run(argv, Duration.ofSeconds(15));
            } catch (HostException e) {
                return new Result(false, "ping could not run on " + host.description() + ": " + e.getMessage());
            }
            if (r.isEmpty()) return new Result(false, "ping is not available on " + host.description());
            String summary = r.get().stdout().lines().filter(l -> l.contains("transmitted")).findFirst().orElse("exit " + r.get().exitCode());
            return new Result(r.get().ok(), summary.strip());
        }

        @Override
        public String text() {
            return "ping:" + address;
        }
    }

    /**
     * A TCP connection to HOST:PORT. On this machine it is a Java socket (no tool needed); on another
     * host seam it runs {@code nc -z -w 3 HOST PORT} there, and fails when nc is not available.
     */
    record Tcp(String hostName, int port) implements ConnectivityProbe {
        @Override
        public Result check(Host host) {
            if (host instanceof LocalHost) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(hostName, port), 3000);
                    return new Result(true, "connected to " + hostName + ":" + port);
                } catch (IOException e) {
                    return new Result(false, "cannot connect to " + hostName + ":" + port + ": " + e.getMessage());
                }
            }
            List<String> argv = List.of("nc", "-z", "-w", "3", hostName, Integer.toString(port));
            Optional<CommandResult> r;
            try {
                r = host.run(argv, Duration.ofSeconds(10));
            } catch (HostException e) {
                return new Result(false, "nc could not run on " + host.description() + ": " + e.getMessage());
            }
            if (r.isEmpty()) return new Result(false, "nc is not available on " + host.description() + " to check TCP");
            return new Result(r.get().ok(), r.get().ok() ? "connected to " + hostName + ":" + port : "nc exit " + r.get().exitCode());
        }

        @Override
        public String text() {
            return "tcp:" + hostName + ":" + port;
        }
    }

    Pattern PING = Pattern.compile("ping:([0-9A-Za-z.:%-]+)");
    Pattern TCP = Pattern.compile("tcp:(\\[[0-9A-Fa-f:.%]+]|[0-9A-Za-z.-]+):(\\d{1,5})");

    /** Parses {@code ping:ADDR} or {@code tcp:HOST:PORT} ({@code tcp:[v6]:PORT}); bad input names the form. */
    static ConnectivityProbe parse(String text) {
        Matcher p = PING.matcher(text);
        if (p.matches()) return new Ping(p.group(1));
        Matcher t = TCP.matcher(text);
        if (t.matches()) {
            int port = Integer.parseInt(t.group(2));
            if (port >= 1 && port <= 65535) {
                String h = t.group(1);
                return new Tcp(h.startsWith("[") ? h.substring(1, h.length() - 1) : h, port);
            }
        }
        throw new InputException(SourceLocation.of("--probe"), "'" + text + "' is not a probe",
                "valid: ping:ADDRESS (e.g. ping:192.168.1.1) or tcp:HOST:PORT (e.g. tcp:192.168.1.10:22)");
    }
}
