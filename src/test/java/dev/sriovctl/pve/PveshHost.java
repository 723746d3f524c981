package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.ForwardingHost;
import dev.sriovctl.host.Host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PVE node for the pvesh fallback: files come from a captured host, and {@code pvesh} runs the
 * {@link FakeCluster}'s handlers as root@pam, printing what pvesh prints: the data as JSON on
 * success, else the exception as pve-common Exception.pm {@code stringify} renders it
 * ("CODE message" plus "param: error" lines, or a plain die's message) with exit 255 (Perl's die).
 */
final class PveshHost extends ForwardingHost {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCluster cluster;
    final List<CommandResult> runs = Collections.synchronizedList(new ArrayList<>());

    PveshHost(Host files, FakeCluster cluster) {
        super(files);
        this.cluster = cluster;
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        if (argv.isEmpty() || !argv.get(0).equals("pvesh")) return super.run(argv, timeout);
        String method = switch (argv.get(1)) {
            case "get" -> "GET";
            case "set" -> "PUT";
            case "create" -> "POST";
            default -> throw new IllegalArgumentException("pvesh verb " + argv.get(1));
        };
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 3; i < argv.size(); i += 2) {
            String k = argv.get(i).substring(2);
            if (!k.equals("output-format")) params.computeIfAbsent(k, x -> new ArrayList<>()).add(argv.get(i + 1));
        }
        FakeCluster.Answer a = cluster.handle(method, argv.get(2), params, FakeCluster.ROOT);
        CommandResult r;
        try {
            if (a.status() == 200) {
                r = new CommandResult(argv, 0, a.data() == null ? "" : JSON.writeValueAsString(a.data()) + "\n", "");
            } else {
                StringBuilder err = new StringBuilder();
                if (a.status() != 500) err.append(a.status()).append(' ');
                err.append(a.message());
                a.errors().forEach((k, v) -> err.append(k).append(": ").append(v).append('\n'));
                if (a.status() == 400) err.append("USAGE: pvesh ").append(argv.get(1)).append(" <api_path> [OPTIONS] [FORMAT_OPTIONS]\n");
                r = new CommandResult(argv, 255, "", err.toString());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        runs.add(r);
        return Optional.of(r);
    }

    @Override
    public boolean exists(String path) {
        return path.equals(PveshClient.PATH) || super.exists(path);
    }

    @Override
    public String description() {
        return "node pve1 (test)";
    }

    @Override
    public boolean mutable() {
        return false;
    }
}
