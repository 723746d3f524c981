package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.observe.JsonTreeParser;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PVE API through the local {@code pvesh} command, for a node where no API token is set up:
 * pvesh runs the same handlers as root@pam (pve-common CLIHandler.pm {@code run_cli_handler}), so
 * no token exists to leak. Commands are argv lists through {@link Host#run}. A failure prints
 * the exception's text on stderr, as pve-common Exception.pm {@code stringify} renders it:
 * {@code "<code> <message>"} then one {@code "<param>: <error>"} line per parameter; a plain
 * {@code die} prints its message alone.
 */
public final class PveshClient implements PveApi {

    private static final Pattern CODE_LINE = Pattern.compile("^(\\d{3}) (.*)$");
    private static final Pattern PARAM_LINE = Pattern.compile("^([A-Za-z0-9_-]+): (.*)$");

    private final Host host;
    private final Duration timeout;

    public PveshClient(Host host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /** Where pve-manager installs pvesh. */
    public static final String PATH = "/usr/bin/pvesh";

    /** Whether this host is a PVE node with pvesh installed. */
    public static boolean available(Host host) {
        return host.exists(PATH);
    }

    @Override
    public JsonNode get(String path, Form query) {
        return run("GET", "get", path, query);
    }

    @Override
    public JsonNode put(String path, Form body) {
        return run("PUT", "set", path, body);
    }

    @Override
    public JsonNode post(String path, Form body) {
        return run("POST", "create", path, body);
    }

    @Override
    public String describe() {
        return "pvesh on " + host.description() + " (root@pam)";
    }

    private JsonNode run(String method, String verb, String path, Form params) {
        List<String> options = new ArrayList<>();
        for (Map.Entry<String, String> e : params.pairs()) {
            options.add("--" + e.getKey());
            options.add(e.getValue());
        }
        List<String> argv = CommandCatalog.pvesh(verb, path, options);
        String call = method + " " + path;
        Optional<CommandResult> r;
        try {
            r = host.run(argv, timeout);
        } catch (HostException e) {
            throw new PveApiException(PveApiException.Kind.TIMEOUT, -1, call, "pvesh did not answer " + call + ": " + e.getMessage(), null, e);
        }
        if (r.isEmpty()) {
            throw new PveApiException(PveApiException.Kind.COMMAND, call,
                    "pvesh is not available on " + host.description() + ": give --api, --token-id and --token-file (see docs/proxmox.md)");
        }
        CommandResult res = r.get();
        if (res.ok()) {
            String out = res.stdout().strip();
            if (out.isEmpty()) return NullNode.getInstance();
            try {
                return JsonTreeParser.read(out);
            } catch (IOException e) {
                throw new PveApiException(PveApiException.Kind.MALFORMED, 0, call, "pvesh printed something that is not JSON for " + call, null, e);
            }
        }
        return failure(method, path, call, res);
    }

    private JsonNode failure(String method, String path, String call, CommandResult res) {
        List<String> lines = res.stderr().lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        int status = 500;
        String message = lines.isEmpty() ? "pvesh exited with " + res.exitCode() : lines.get(0);
        Map<String, String> errors = new LinkedHashMap<>();
        Matcher m = lines.isEmpty() ? null : CODE_LINE.matcher(lines.get(0));
        if (m != null && m.matches()) {
            status = Integer.parseInt(m.group(1));
            message = m.group(2).strip();
            for (String l : lines.subList(1, lines.size())) {
                if (l.startsWith("USAGE")) break; // the usage text CLIHandler appends
                Matcher p = PARAM_LINE.matcher(l.strip());
                if (p.matches() && !l.startsWith(" ")) errors.put(p.group(1), p.group(2));
            }
        }
        throw ApiErrors.build(method, path, status, message, errors, describe(), call);
    }
}
