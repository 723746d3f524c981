package dev.sriovctl.apply;

import dev.sriovctl.Progress;

import dev.sriovctl.host.Host;
import dev.sriovctl.plan.Action;
import dev.sriovctl.plan.Observation;
import dev.sriovctl.plan.Probe;
import dev.sriovctl.plan.PutFile;
import dev.sriovctl.plan.RemoveFile;
import dev.sriovctl.plan.Step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a plan's steps on a host, generically: for each step its precondition (once), its actions,
 * then its verification, read back with bounded retries for up to the step's
 * {@link Step#verifySeconds()} (waiting through {@link Host#pause}, so a simulated host does not
 * sleep). The journal is written before and after every step. Before the first step it takes the
 * {@link Checkpoint}; a refused precondition, a failed action or a verification that never holds
 * rolls back every step touched so far, in reverse order, through each step's undo, then reads the
 * checkpoint again to prove the host is back. Decides nothing about what to change.
 */
public final class Executor {

    /** How long a rollback keeps re-reading the checkpoint while the kernel settles (VFs vanish asynchronously). */
    static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(1);

    private final Host host;
    private final Journal journal;
    private final ApplyProgress progress;

    public Executor(Host host, Journal journal, ApplyProgress progress) {
        this.host = host;
        this.journal = journal;
        this.progress = progress;
    }

    /**
     * Checkpoints, journals and runs the steps. Returns the run's record: {@link RunState#RUNNING} with
     * every step done (the caller guards and finishes it), or the outcome of the rollback a failure caused.
     */
    public JournalRecord run(String spec, String phase, List<Step> steps, GuardRecord guard) {
        String runId = journal.newRunId();
        journal.pruneBackups(Journal.KEPT_BACKUP_RUNS);
        Checkpoint checkpoint = checkpoint(runId, steps);
        List<StepRecord> records = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) records.add(new StepRecord(i + 1, steps.get(i), StepStatus.PENDING, 0, null));
        String now = journal.now().toString();
        JournalRecord r = new JournalRecord(JournalRecord.FORMAT, runId, host.hostname().orElse(null), spec, phase, bootId(host), RunState.RUNNING,
                now, now, checkpoint, records, guard, List.of(now + " started: " + steps.size() + " steps"));
        r = journal.write(r);
        for (int i = 1; i <= steps.size(); i++) {
            r = runStep(r, i);
            if (r.state() != RunState.RUNNING) return r;
        }
        return r;
    }

    private JournalRecord runStep(JournalRecord r, int i) {
        Step s = r.step(i).step();
        String head = "[" + i + "/" + r.steps().size() + "] " + s.kind() + " " + s.subject() + ": " + s.summary();
        for (Probe p : s.precondition()) {
            Observation o = check(p);
            if (!o.ok()) {
                String why = "precondition does not hold: " + p.display() + " (read " + o.observed() + ")";
                progress.line(head + " ... refused: " + why);
                r = journal.write(r.withStep(i, x -> x.with(StepStatus.REFUSED, 0, why)));
                return rollBack(r, "step " + i + " (" + s.kind() + " " + s.subject() + ") refused: " + why);
            }
        }
        r = journal.write(r.withStep(i, x -> x.with(StepStatus.RUNNING)));
        try {
            for (Action a : s.actions()) a.apply(host);
        } catch (RuntimeException e) {
            String why = "failed: " + message(e);
            progress.line(head + " ... " + why);
            r = journal.write(r.withStep(i, x -> x.with(StepStatus.FAILED, 0, why)));
            return rollBack(r, "step " + i + " (" + s.kind() + " " + s.subject() + ") " + why);
        }
        Verification v = verify(s);
        if (!v.ok()) {
            String why = "not verified after " + v.attempts() + " reads in " + s.verifySeconds() + " s: " + v.detail();
            progress.line(head + " ... " + why);
            r = journal.write(r.withStep(i, x -> x.with(StepStatus.FAILED, v.attempts(), why)));
            return rollBack(r, "step " + i + " (" + s.kind() + " " + s.subject() + ") " + why);
        }
        progress.line(head + " ... ok" + (v.attempts() > 1 ? " (verified after " + v.attempts() + " reads)" : ""));
        return journal.write(r.withStep(i, x -> x.with(StepStatus.DONE, v.attempts(), v.detail())));
    }

    /** What a step's read-back saw. */
    record Verification(boolean ok, int attempts, String detail) {
    }

    /** Reads back every probe until all hold, or until the step's time is up. */
    Verification verify(Step s) {
        List<Probe> probes = s.verify();
        if (probes.isEmpty()) return new Verification(true, 0, "nothing to read back");
        long limitNanos = Duration.ofSeconds(s.verifySeconds()).toNanos();
        long waited = 0;
        Duration delay = FIRST_RETRY;
        int attempts = 0;
        Progress.Wait wait = null; // drawn only once a read-back has failed: steps that hold at once show nothing
        try {
            while (true) {
                long t0 = System.nanoTime();
                attempts++;
                List<String> failing = new ArrayList<>();
                for (Probe p : probes) {
                    Observation o = check(p);
                    if (!o.ok()) failing.add(p.display() + " (read " + o.observed() + ")");
                }
                waited += System.nanoTime() - t0;
                if (failing.isEmpty()) return new Verification(true, attempts, probes.size() + " read-back" + (probes.size() == 1 ? "" : "s") + " hold");
                if (waited >= limitNanos) return new Verification(false, attempts, String.join("; ", failing));
                if (wait == null) wait = progress.waits().begin(s.kind() + " " + s.subject() + ": " + s.summary(), Duration.ofSeconds(s.verifySeconds()));
                wait.update(Duration.ofNanos(waited), failing.get(0));
                host.pause(delay);
                waited += delay.toNanos();
                delay = delay.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay.multipliedBy(2);
            }
        } finally {
            if (wait != null) wait.close();
        }
    }

    // ---- rollback ---------------------------------------------------------------------------------

    /**
     * Undoes every step the record shows touched, last first, then reads the checkpoint again.
     * A step that may be only partly done (it failed, or a killed run left it running or undoing)
     * is undone best effort: an undo action that finds its work already undone may fail, and the
     * checkpoint read decides. Resumable: a killed rollback is continued by the next run.
     */
    public JournalRecord rollBack(JournalRecord start, String reason) {
        return rollBack(start, reason, false);
    }

    /**
     * @param everythingPartial treat every step as possibly undone already (the host rebooted since
     *                          the run: the kernel state it made is gone, its files remain)
     */
    public JournalRecord rollBack(JournalRecord start, String reason, boolean everythingPartial) {
        JournalRecord r = start;
        if (r.state() != RunState.ROLLING_BACK) {
            r = journal.write(r.withState(RunState.ROLLING_BACK).withEvent(journal.now() + " rolling back: " + reason));
        }
        progress.line("rolling back: " + reason);
        List<String> failures = new ArrayList<>();
        for (int i = r.steps().size(); i >= 1; i--) {
            StepRecord sr = r.step(i);
            if (!sr.status().touched()) continue;
            boolean partial = everythingPartial || sr.status().partial();
            Step s = sr.step();
            r = journal.write(r.withStep(i, x -> x.with(StepStatus.UNDOING)));
            List<String> notes = new ArrayList<>();
            for (Action a : s.undo().actions()) {
                try {
                    a.apply(host);
                } catch (RuntimeException e) {
                    String m = a.display() + ": " + message(e);
                    if (partial) notes.add("tolerated (the step was only partly done): " + m);
                    else failures.add("step " + i + " undo: " + m);
                    if (!partial) notes.add("FAILED: " + m);
                }
            }
            if (s.undo().note() != null) notes.add(s.undo().note());
            String detail = notes.isEmpty() ? (s.undo().actions().isEmpty() ? "nothing to undo" : "undone") : String.join("; ", notes);
            progress.line("  undo [" + i + "] " + s.kind() + " " + s.subject() + " ... " + detail);
            r = journal.write(r.withStep(i, x -> x.with(StepStatus.UNDONE, x.attempts(),
                    x.detail() == null || x.status() == StepStatus.UNDOING && x.detail().contains("undo: ") ? "undo: " + detail
                            : x.detail() + "; undo: " + detail)));
        }
        // the reloads once more, in plan order: what the undos re-created after the configuration was put back
        List<Action> again = new ArrayList<>();
        for (StepRecord sr : r.steps()) {
            if (sr.status() != StepStatus.UNDONE) continue;
            for (Action a : sr.step().afterRollback()) if (!again.contains(a)) again.add(a);
        }
        for (Action a : again) {
            try {
                a.apply(host);
                progress.line("  after the undos: " + a.display() + " ... ok");
            } catch (RuntimeException e) {
                failures.add("after the undos: " + a.display() + ": " + message(e));
            }
        }
        // after a reboot the kernel state of the checkpoint is gone by nature; the files must still match
        List<Checkpoint.Difference> diffs = compare(r.checkpoint(), everythingPartial);
        RunState end = failures.isEmpty() && diffs.isEmpty() ? RunState.ROLLED_BACK : RunState.ROLLBACK_INCOMPLETE;
        JournalRecord done = r.withState(end);
        for (String f : failures) done = done.withEvent(journal.now() + " " + f);
        for (Checkpoint.Difference d : diffs) done = done.withEvent(journal.now() + " differs from the checkpoint: " + d);
        done = done.withEvent(journal.now() + (end == RunState.ROLLED_BACK ? " rolled back: every reading matches the checkpoint"
                : " rollback incomplete: " + failures.size() + " undo failure(s), " + diffs.size() + " difference(s) from the checkpoint"));
        return journal.write(done);
    }

    /** Marks a run converged. */
    public JournalRecord finish(JournalRecord r, String event) {
        return journal.write(r.withState(RunState.CONVERGED).withEvent(journal.now() + " " + event));
    }

    // ---- checkpoint ---------------------------------------------------------------------------------

    /** Reads everything the steps touch, and backs up every file they write or remove. */
    Checkpoint checkpoint(String runId, List<Step> steps) {
        Map<Probe, String> readings = new LinkedHashMap<>();
        Set<String> paths = new LinkedHashSet<>();
        for (Step s : steps) {
            for (Probe p : s.precondition()) readings.computeIfAbsent(p, x -> check(x).observed());
            for (Probe p : s.verify()) readings.computeIfAbsent(p, x -> check(x).observed());
            List<Action> all = new ArrayList<>(s.actions());
            all.addAll(s.undo().actions());
            for (Action a : all) {
                if (a instanceof PutFile f) paths.add(f.path());
                if (a instanceof RemoveFile f) paths.add(f.path());
            }
        }
        List<Checkpoint.FileState> files = new ArrayList<>();
        for (String p : paths) {
            Optional<byte[]> b = host.readBytes(p);
            files.add(b.isEmpty() ? new Checkpoint.FileState(p, null, null)
                    : new Checkpoint.FileState(p, sha256(b.get()), journal.backup(runId, p, b.get())));
        }
        List<Checkpoint.Reading> list = new ArrayList<>();
        readings.forEach((p, o) -> list.add(new Checkpoint.Reading(p, o)));
        return new Checkpoint(list, files);
    }

    /** What differs from the checkpoint now; re-read for a while, since the kernel finishes some undos asynchronously. */
    public List<Checkpoint.Difference> compare(Checkpoint cp, boolean filesOnly) {
        long limit = SETTLE.toNanos();
        long waited = 0;
        Duration delay = FIRST_RETRY;
        while (true) {
            long t0 = System.nanoTime();
            List<Checkpoint.Difference> diffs = differences(cp, filesOnly);
            waited += System.nanoTime() - t0;
            if (diffs.isEmpty() || waited >= limit) return diffs;
            host.pause(delay);
            waited += delay.toNanos();
            delay = delay.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay.multipliedBy(2);
        }
    }

    private List<Checkpoint.Difference> differences(Checkpoint cp, boolean filesOnly) {
        List<Checkpoint.Difference> out = new ArrayList<>();
        for (Checkpoint.FileState f : cp.files()) {
            String now = host.readBytes(f.path()).map(Executor::sha256).orElse(null);
            if (!java.util.Objects.equals(now, f.sha256())) {
                out.add(new Checkpoint.Difference(f.path(), f.sha256() == null ? "absent" : "sha256 " + f.sha256(),
                        now == null ? "absent" : "sha256 " + now));
            }
        }
        for (Checkpoint.Reading r : cp.readings()) {
            if (filesOnly && !(r.probe() instanceof dev.sriovctl.plan.Probes.FileContentIs)) continue;
            String now = check(r.probe()).observed();
            if (!now.equals(r.observed())) out.add(new Checkpoint.Difference(r.probe().display(), r.observed(), now));
        }
        return out;
    }

    private Observation check(Probe p) {
        try {
            return p.check(host);
        } catch (RuntimeException e) {
            return Observation.of(false, "error: " + message(e));
        }
    }

    /** The kernel's boot id ({@code /proc/sys/kernel/random/boot_id}), or null when unknown. */
    static String bootId(Host host) {
        return host.read("/proc/sys/kernel/random/boot_id").map(String::strip).filter(x -> !x.isEmpty()).orElse(null);
    }

    static String message(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof dev.sriovctl.host.HostException he && !he.stderrTail().isEmpty() && !m.contains(he.stderrTail())) {
            m += " (" + he.stderrTail().replace('\n', ' ') + ")";
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
