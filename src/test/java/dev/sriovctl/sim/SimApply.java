package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sriovctl.Fixtures;
import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyProgress;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.HostApply;
import dev.sriovctl.host.Host;
import dev.sriovctl.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Apply on simulated hosts, for the apply tests that need the simulator's internals: a fresh guide
 * host made once and copied per test, apply in-process, and the host's state as bytes for "exactly
 * the same host" comparisons.
 */
final class SimApply {
    private SimApply() {
    }

    static final Path GUIDE_SPEC = Fixtures.repo().resolve("examples/guide-host.yaml");
    private static Path template;

    /** A copy of a fresh cx6lx-2p host (legacy, no VFs, Open vSwitch empty, vmbr0 up) in {@code dir}. */
    static synchronized Path freshGuideHost(Path dir) {
        try {
            if (template == null) {
                Path t = Files.createTempDirectory("sriovctl-apply-template-").resolve("host");
                SimBuilder.create(t, SimOptions.defaults("cx6lx-2p")).close();
                template = t;
            }
            copy(template, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createDirectories(q.getParent());
                    Files.createSymbolicLink(q, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(q);
                } else if (!p.getFileName().toString().equals("lock")) {
                    Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** {@code apply -f examples/guide-host.yaml} in-process, as the CLI runs it. */
    static ApplyResult apply(Host h, ApplyOptions options, ApplyProgress progress) {
        return apply(h, GUIDE_SPEC, options, progress);
    }

    /** {@code apply -f SPEC} in-process, as the CLI runs it. */
    static ApplyResult apply(Host h, Path spec, ApplyOptions options, ApplyProgress progress) {
        HostApply.Prepared p = HostApply.prepare(h, () -> SpecLoader.read(spec), spec.toString(), options, progress, Clock.systemUTC());
        return HostApply.execute(p, progress, null);
    }

    static ApplyResult apply(Path dir, ApplyOptions options) {
        try (SimHost h = SimHost.open(dir)) {
            return apply(h, options, ApplyProgress.silent());
        }
    }

    /**
     * Model fields that are history, not state: the clock, operation and log counters, the next free
     * ifindex and OVS uuid, OVS's transaction counters (cur_cfg/next_cfg) and daemon start count, and
     * "a qdisc was attached once the device had been up" (the kernel keeps it after the device goes down).
     */
    static final Set<String> HISTORY = Set.of("clockMicros", "mutations", "nextIfindex", "logLines", "nextUuid", "cur_cfg",
            "next_cfg", "starts", "qdisc");

    /**
     * The host as bytes: every file sriovctl or a tool may have written (under fs/, except the journal
     * directory and the fs/sys, fs/proc mirror of the model) byte for byte, symlinks by target, and the
     * model (kernel, Open vSwitch database, ifupdown2 state) as saved, without {@link #HISTORY}.
     * {@code renumber}: for a host where a run created things twice (a killed run rolled back, then
     * applied again), identities assigned at creation are compared by name: netdevs by name instead of
     * ifindex, Open vSwitch rows by name instead of uuid (sets sorted), and what vswitchd and the kernel
     * assign when a port or an internal interface is created (ofport numbers, the MAC of an OVS internal
     * interface) left out.
     */
    static Map<String, String> state(Path dir, boolean renumber) {
        Map<String, String> out = new TreeMap<>();
        Path fs = dir.resolve("fs");
        try (Stream<Path> s = Files.walk(fs)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                String rel = "/" + fs.relativize(p);
                // logs only grow (a restart of ovs-vswitchd writes to its log, on a real host too): not state to restore
                if (rel.startsWith("/sys") || rel.startsWith("/proc") || rel.startsWith("/var/lib/sriovctl") || rel.startsWith("/var/log")) continue;
                if (Files.isSymbolicLink(p)) out.put(rel, "-> " + Files.readSymbolicLink(p));
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) out.put(rel, Files.readString(p, StandardCharsets.ISO_8859_1));
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode model = json.readTree(dir.resolve("sim/state.json").toFile());
            strip(model);
            String text = json.writeValueAsString(model);
            if (renumber) {
                renumber(model);
                forgetCreationIdentities(model);
                text = uuidsByName(json.writeValueAsString(model), model);
            }
            out.put("sim/state.json", json.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(json.readTree(text))));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(HISTORY);
            for (JsonNode c : o) strip(c);
        } else if (n instanceof ArrayNode a) {
            for (JsonNode c : a) strip(c);
        }
    }

    private static void forgetCreationIdentities(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("ofport", "ofports", "mac_in_use"));
            if ("openvswitch".equals(o.path("linkKind").asText(null))) o.remove("mac");
            for (JsonNode c : o) forgetCreationIdentities(c);
        } else if (n instanceof ArrayNode a) {
            for (JsonNode c : a) forgetCreationIdentities(c);
        }
    }

    /** Open vSwitch rows re-created get new uuids: each named row's uuid is replaced by TABLE:NAME. */
    private static String uuidsByName(String text, JsonNode model) {
        JsonNode tables = model.path("extensions").path("ovs").path("tables");
        for (Iterator<Map.Entry<String, JsonNode>> t = tables.fields(); t.hasNext(); ) {
            Map.Entry<String, JsonNode> table = t.next();
            for (Iterator<Map.Entry<String, JsonNode>> r = table.getValue().fields(); r.hasNext(); ) {
                Map.Entry<String, JsonNode> row = r.next();
                JsonNode name = row.getValue().get("name");
                if (name != null && name.isTextual()) text = text.replace(row.getKey(), table.getKey() + ":" + name.asText());
            }
        }
        return text;
    }

    /** The same tree with every object's keys sorted. */
    private static Object sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new java.util.ArrayList<>();
            n.forEach(c -> l.add(sorted(c)));
            // an OVSDB set ["set", [...]] has no order
            if (l.size() == 2 && "set".equals(n.get(0).asText(null)) && l.get(1) instanceof List<?> members) {
                List<Object> m = new java.util.ArrayList<>(members);
                m.sort(java.util.Comparator.comparing(String::valueOf));
                l.set(1, m);
            }
            return l;
        }
        return n;
    }

    /** Replaces every netdev's ifindex (and references to it) by its name. */
    private static void renumber(JsonNode model) {
        Map<Integer, String> names = new TreeMap<>();
        JsonNode netdevs = model.get("netdevs");
        if (netdevs == null) return;
        for (JsonNode nd : netdevs) names.put(nd.get("ifindex").asInt(), nd.get("name").asText());
        rewrite(model, names);
        // the list is in creation order
        List<JsonNode> byName = new java.util.ArrayList<>();
        netdevs.forEach(byName::add);
        byName.sort(Comparator.comparing(n -> n.get("name").asText()));
        ((ArrayNode) netdevs).removeAll();
        byName.forEach(((ArrayNode) netdevs)::add);
    }

    private static void rewrite(JsonNode n, Map<Integer, String> names) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // "bond": the ifindex of the bond a card's hardware LAG follows
                boolean ref = List.of("ifindex", "master", "netdev", "representor", "link", "bond").contains(e.getKey());
                if (ref && e.getValue().isInt() && e.getValue().asInt() != 0) {
                    e.setValue(o.textNode("#" + names.getOrDefault(e.getValue().asInt(), "gone-" + e.getValue().asInt())));
                } else {
                    rewrite(e.getValue(), names);
                }
            }
        } else if (n instanceof ArrayNode a) {
            for (JsonNode c : a) rewrite(c, names);
        }
    }
}
