package dev.sriovctl.sim;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyProgress;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.Journal;
import dev.sriovctl.apply.Outcome;
import dev.sriovctl.host.ForwardingHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The crash test of issue 5: the guide's plan (and its VF-LAG form) on a fresh simulated host, killed at every
 * step boundary, then applied again, ends exactly where an uninterrupted run ends.
 *
 * <p>"Killed" is the simulator's crash fault ({@link SimHost#crashAfter}): it fires at the start of a
 * mutating operation, after everything before it was saved. Here it throws {@link Killed}, an Error
 * that neither the executor nor HostApply catches (they catch RuntimeException only and have no
 * finally block that writes), so nothing of sriovctl runs after it, as with kill -9; the host is then
 * closed (which only releases the lock and refreshes the fs/sys mirror, as the next process's close
 * would) and reopened by a new apply. {@code bench/apply-crash} does the same with real processes
 * ({@code sim fault crash-after N}, exit 137).
 */
class ApplyCrashTest {

    @TempDir
    Path tmp;

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("kill -9", null, false, false);
        }
    }

    @Test
    void aRunKilledAtAnyStepBoundaryIsFinishedByTheNextRunExactlyAsAnUninterruptedOne() {
        crashAtEveryBoundary(SimApply.GUIDE_SPEC, 27);
    }

    /** The VF-LAG plan (examples/guide-host-vflag.yaml on a fresh host): its unbinds, LAG wait and bindings too. */
    @Test
    void theVfLagPlanKilledAtAnyStepBoundaryEndsAsAnUninterruptedOne() {
        crashAtEveryBoundary(VfLagExampleTest.VFLAG, 28);
    }

    private void crashAtEveryBoundary(Path spec, int steps) {
        Path ref = SimApply.freshGuideHost(tmp.resolve("reference"));
        List<Long> boundaries = new ArrayList<>();
        long start;
        try (SimHost h = SimHost.open(ref)) {
            start = h.state().mutations;
            ApplyResult r = SimApply.apply(new JournalWatch(h, boundaries), spec, ApplyOptions.defaults(), ApplyProgress.silent());
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.CONVERGED);
            assertThat(r.changes()).isEqualTo(steps);
        }
        Map<String, String> expected = SimApply.state(ref, true);
        // each journal write is a step boundary (the run starts; step i starts; step i is done and verified;
        // the run ends): the kill comes as that write begins, so the journal still says what came before
        TreeSet<Long> points = new TreeSet<>();
        for (long b : boundaries) points.add(b - start);
        String only = System.getProperty("sriovctl.crash.only");
        if (only != null) points.retainAll(java.util.Arrays.stream(only.split(",")).map(Long::parseLong).toList());
        assertThat(boundaries).hasSize(1 + 2 * steps + 1);
        List<String> failed = new ArrayList<>();
        int passed = 0;
        for (long n : points) {
            Path dir = SimApply.freshGuideHost(tmp.resolve("crash-" + n));
            try (SimHost h = SimHost.open(dir)) {
                h.setCrasher(() -> {
                    throw new Killed();
                });
                h.crashAfter(n);
                assertThatThrownBy(() -> SimApply.apply(h, spec, ApplyOptions.defaults(), ApplyProgress.silent())).isInstanceOf(Killed.class);
            }
            ApplyResult again;
            try (SimHost h = SimHost.open(dir)) {
                again = SimApply.apply(h, spec, ApplyOptions.defaults(), ApplyProgress.silent());
            }
            Map<String, String> got = SimApply.state(dir, true);
            if (again.outcome() == Outcome.CONVERGED && got.equals(expected)) {
                passed++;
            } else {
                failed.add("killed after " + n + " operations: " + again.outcome() + " " + again.message() + " " + differing(expected, got));
                dump(n, expected, got);
            }
            deleteQuietly(dir);
        }
        System.out.println("apply crash test: " + passed + "/" + points.size() + " kill points converge to the uninterrupted result");
        assertThat(failed).isEmpty();
        assertThat(passed).isEqualTo(points.size());
    }

    /** Keeps both states of a failed point under target/ for diffing. */
    static void dump(long n, Map<String, String> expected, Map<String, String> got) {
        try {
            Path d = Path.of("target", "apply-crash", Long.toString(n));
            java.nio.file.Files.createDirectories(d);
            java.nio.file.Files.writeString(d.resolve("expected.txt"), String.join("\n", expected.values()));
            java.nio.file.Files.writeString(d.resolve("got.txt"), String.join("\n", got.values()));
        } catch (java.io.IOException ignored) {
            // diagnostics only
        }
    }

    static List<String> differing(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) if (!java.util.Objects.equals(a.get(k), b.get(k))) out.add(k);
        return out;
    }

    static void deleteQuietly(Path dir) {
        try (var s = java.nio.file.Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
        } catch (java.io.IOException ignored) {
            // the temporary directory goes with the test
        }
    }

    /** The simulated host, noting the simulator's operation count at each journal write. */
    private static final class JournalWatch extends ForwardingHost {
        private final SimHost sim;
        private final List<Long> writes;

        JournalWatch(SimHost sim, List<Long> writes) {
            super(sim);
            this.sim = sim;
            this.writes = writes;
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            if (path.equals(Journal.FILE)) writes.add(sim.state().mutations);
            super.writeFile(path, content, mode);
        }
    }
}
