package dev.sriovctl.apply;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A small in-memory host for executor tests, until they move to the simulated host: files and
 * kernel attributes by path (a write counter stands for the mtime), an Open_vSwitch table for the
 * {@code ovs-vsctl set|remove|get} the OVS steps run, {@code sriov_numvfs} with the kernel's
 * "through 0" rule, other commands answered by handlers. Faults: failing writes and commands, a
 * "kill -9" after N mutating operations ({@link Killed}, an Error the executor must not catch),
 * attributes that take some pauses to show a write. Time passes only through {@link #pause}.
 */
final class FakeHost implements Host {

    /** Stands for kill -9: thrown at the start of a mutating operation, so that operation never happens. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed", null, false, false);
        }
    }

    final Map<String, byte[]> files = new TreeMap<>();
    /** How many times each path was written or removed (the mtime of a real file). */
    final Map<String, Integer> writes = new TreeMap<>();
    final Map<String, Map<String, String>> ovs = new TreeMap<>();
    final List<String> log = new ArrayList<>();
    final Map<String, Function<List<String>, CommandResult>> commands = new HashMap<>();
    final Set<String> failingWrites = new HashSet<>();
    final Set<String> failingCommands = new HashSet<>();
    /** Attributes whose written value shows only after this many pauses. */
    final Map<String, Integer> slow = new HashMap<>();
    private final Map<String, String[]> pending = new HashMap<>();
    long mutations;
    long killAt = -1;
    Duration clock = Duration.ZERO;
    Runnable onPause = () -> { };

    FakeHost() {
        file("/proc/sys/kernel/random/boot_id", "3f0c3a58-0b4c-4f51-a4a3-3a0d2e7c3a11\n");
        file("/proc/sys/kernel/hostname", "pve1\n");
        commands.put("udevadm", a -> ok(a, ""));
        commands.put("systemctl", a -> ok(a, ""));
        commands.put("ovs-vsctl", this::vsctl);
    }

    FakeHost file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Everything but the journal and the backups, for "the same host" comparisons. */
    Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        files.forEach((p, b) -> {
            if (!p.startsWith(Journal.DIR + "/")) out.put(p, new String(b, StandardCharsets.UTF_8));
        });
        ovs.forEach((c, m) -> {
            if (!m.isEmpty()) out.put("ovs " + c, new TreeMap<>(m).toString());
        });
        return out;
    }

    void killAfter(long n) {
        killAt = mutations + n;
    }

    private void mutate(String what) {
        if (killAt >= 0 && mutations >= killAt) {
            killAt = -1;
            throw new Killed();
        }
        mutations++;
        log.add(what);
    }

    @Override
    public String description() {
        return "fake host";
    }

    @Override
    public Optional<String> hostname() {
        return Optional.of("pve1");
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> list(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length()).split("/")[0])
                .distinct().sorted().toList();
    }

    @Override
    public Optional<String> readLink(String path) {
        return Optional.empty();
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path) || !list(path).isEmpty();
    }

    @Override
    public boolean isDirectory(String path) {
        return !list(path).isEmpty();
    }

    @Override
    public void writeAttribute(String path, String value) {
        mutate("echo " + value.strip() + " > " + path);
        if (failingWrites.contains(path)) throw new HostException("write error: " + path + ": Input/output error");
        String now = text(path) == null ? null : text(path).strip();
        if (path.endsWith("/sriov_numvfs") && now != null && !now.equals("0") && !value.strip().equals("0") && !now.equals(value.strip())) {
            throw new HostException("write error: " + path + ": Device or resource busy");
        }
        if (slow.containsKey(path)) {
            pending.put(path, new String[]{value.strip(), Integer.toString(slow.get(path))});
            return;
        }
        file(path, value.strip() + "\n");
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        mutate("write " + path);
        if (failingWrites.contains(path)) throw new HostException("cannot write " + path + ": No space left on device");
        files.put(path, content.clone());
        writes.merge(path, 1, Integer::sum);
    }

    @Override
    public void deleteFile(String path) {
        mutate("rm " + path);
        if (files.remove(path) != null) writes.merge(path, 1, Integer::sum);
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        Function<List<String>, CommandResult> h = commands.get(argv.get(0));
        if (h == null) return Optional.empty();
        boolean reads = argv.contains("get") || argv.contains("list-ports");
        if (!reads) mutate(String.join(" ", argv));
        if (failingCommands.contains(String.join(" ", argv))) return Optional.of(new CommandResult(argv, 1, "", argv.get(0) + ": failed\n"));
        return Optional.of(h.apply(argv));
    }

    @Override
    public void pause(Duration d) {
        clock = clock.plus(d);
        for (Map.Entry<String, String[]> e : new HashMap<>(pending).entrySet()) {
            int left = Integer.parseInt(e.getValue()[1]) - 1;
            if (left <= 0) {
                file(e.getKey(), e.getValue()[0] + "\n");
                pending.remove(e.getKey());
            } else {
                pending.put(e.getKey(), new String[]{e.getValue()[0], Integer.toString(left)});
            }
        }
        onPause.run();
    }

    static CommandResult ok(List<String> argv, String out) {
        return new CommandResult(argv, 0, out, "");
    }

    /** {@code ovs-vsctl set|remove|--if-exists get Open_vSwitch . ...} on one table row. */
    private CommandResult vsctl(List<String> argv) {
        List<String> a = new ArrayList<>(argv.subList(1, argv.size()));
        a.remove("--if-exists");
        switch (a.get(0)) {
            case "set" -> {
                for (String kv : a.subList(3, a.size())) {
                    String col = kv.substring(0, kv.indexOf(':'));
                    String key = kv.substring(kv.indexOf(':') + 1, kv.indexOf('='));
                    ovs.computeIfAbsent(col, x -> new TreeMap<>()).put(key, kv.substring(kv.indexOf('=') + 1));
                }
                return ok(argv, "");
            }
            case "remove" -> {
                Map<String, String> m = ovs.get(a.get(3));
                if (m != null) m.remove(a.get(4));
                return ok(argv, "");
            }
            case "get" -> {
                String ck = a.get(3);
                String col = ck.contains(":") ? ck.substring(0, ck.indexOf(':')) : ck;
                String v = ck.contains(":") ? ovs.getOrDefault(col, Map.of()).get(ck.substring(ck.indexOf(':') + 1)) : null;
                return ok(argv, v == null ? "" : "\"" + v + "\"\n");
            }
            default -> {
                return new CommandResult(argv, 1, "", "ovs-vsctl: unknown command '" + a.get(0) + "'\n");
            }
        }
    }
}
