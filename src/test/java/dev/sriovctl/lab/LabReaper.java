package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure no lab outlives its test run. Every lab namespace is named
 * {@code sriovctl-lab-<jvm pid>-<n>-<role>} and every lab directory {@code <tmp>/sriovctl-lab/<jvm pid>-<n>},
 * and every lab process (ovsdb-server included) runs inside a lab namespace. So:
 * <ul>
 *   <li>a shutdown hook closes the labs still open when the JVM exits (Ctrl-C, a killed surefire fork
 *       that still runs its hooks, a test that forgot to close);</li>
 *   <li>before the first lab of a JVM starts, a sweep removes what a JVM that is gone left behind
 *       (kill -9): it kills the processes inside those namespaces, deletes the namespaces and the
 *       directories.</li>
 * </ul>
 */
final class LabReaper {
    private LabReaper() {
    }

    /** Every lab namespace name starts with this; nothing else on the machine may. */
    static final String PREFIX = "sriovctl-lab-";

    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    private static final Set<OvsLab> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean started;

    /** The root of all lab directories. */
    static Path labRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "sriovctl-lab");
    }

    /** Called once per lab before it starts: the first call sweeps stale labs and installs the hook. */
    static synchronized void opening(OvsLab lab) {
        if (!started) {
            started = true;
            sweepStale(System.err);
            Runtime.getRuntime().addShutdownHook(new Thread(LabReaper::closeAll, "sriovctl-lab-shutdown"));
        }
        OPEN.add(lab);
    }

    static void closed(OvsLab lab) {
        OPEN.remove(lab);
    }

    private static void closeAll() {
        for (OvsLab lab : List.copyOf(OPEN)) {
            try {
                System.err.println("[lab] shutdown hook: closing " + lab.name());
                lab.close();
            } catch (RuntimeException e) {
                System.err.println("[lab] shutdown hook: " + lab.name() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Removes labs whose JVM is gone: namespaces with the harness's prefix (their processes killed
     * first: {@code ip netns del} with processes inside only removes the name) and their directories.
     * Returns the namespaces removed.
     */
    static List<String> sweepStale(PrintStream log) {
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces()) {
            Matcher m = OWNED.matcher(ns);
            if (!m.matches() || ownerAlive(Long.parseLong(m.group(1)))) continue;
            deleteNamespace(ns);
            removed.add(ns);
        }
        try (var dirs = Files.list(labRoot())) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0 || !name.substring(0, dash).chars().allMatch(Character::isDigit)) continue;
                if (ownerAlive(Long.parseLong(name.substring(0, dash)))) continue;
                OvsLab.deleteTree(d);
                removed.add(d.toString());
            }
        } catch (java.io.IOException e) {
            // no lab root yet: nothing to sweep
        }
        if (!removed.isEmpty()) log.println("[lab] removed stale labs of finished runs: " + removed);
        return removed;
    }

    /** The names in {@code ip netns list} ("NAME" or "NAME (id: N)"). */
    static List<String> namespaces() {
        CommandResult r = LabProcesses.run(List.of("ip", "netns", "list"), Map.of(), Duration.ofSeconds(10));
        if (!r.ok()) return List.of();
        return r.stdout().lines().map(l -> l.strip().split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }

    /** Kills every process inside the namespace (TERM, then KILL), then deletes it (and with it its veths). */
    static void deleteNamespace(String ns) {
        CommandResult pids = LabProcesses.run(List.of("ip", "netns", "pids", ns), Map.of(), Duration.ofSeconds(10));
        if (pids.ok()) {
            for (String p : pids.stdout().split("\\s+")) {
                if (!p.isBlank()) LabProcesses.terminate(Long.parseLong(p.strip()), Duration.ofSeconds(2));
            }
        }
        LabProcesses.run(List.of("ip", "netns", "del", ns), Map.of(), Duration.ofSeconds(10));
    }

    /** A lab's JVM still runs: the pid exists, is not a zombie and is a java process (pids get reused). */
    static boolean ownerAlive(long pid) {
        if (pid == ProcessHandle.current().pid()) return true;
        return !LabProcesses.gone(pid) && LabProcesses.commandLine(pid).contains("java");
    }
}
