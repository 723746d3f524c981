package dev.sriovctl.apply;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Like {@code netplan try}, but for bonds and bridges too: after the last step, the probes must
 * answer and, when a confirmation window is set, {@code sriovctl apply --confirm} must come before
 * it ends; otherwise the run is rolled back to its checkpoint. The old state stays restorable the
 * whole time because the journal keeps the run (state {@code awaiting-confirmation}) with its undo.
 *
 * <p>Who rolls back when nobody confirms: this process, which waits in the foreground (on a
 * terminal, Enter confirms too); if it dies (the SSH session that ran it is cut, which is the case
 * the guard is for), a transient systemd timer started with {@code systemd-run} runs
 * {@code sriovctl apply --rollback=RUN} shortly after the deadline; and any later sriovctl apply
 * finds the expired run in the journal and rolls it back first. On a simulated host time is the
 * host's: the wait advances its clock through {@link Host#pause}.
 */
final class ConnectivityGuard {

    /** How long probes are retried: a bond renegotiates LACP and ARP is learnt again after a reload. */
    static final Duration PROBE_WINDOW = Duration.ofSeconds(30);
    /** The timer fires this long after the deadline, leaving the foreground process time to do it itself. */
    static final Duration TIMER_GRACE = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Host host;
    private final Journal journal;
    private final Executor executor;
    private final ApplyProgress progress;
    private final BooleanSupplier confirmedHere;

    ConnectivityGuard(Host host, Journal journal, Executor executor, ApplyProgress progress, BooleanSupplier confirmedHere) {
        this.host = host;
        this.journal = journal;
        this.executor = executor;
        this.progress = progress;
        this.confirmedHere = confirmedHere;
    }

    /** Guards a run whose steps are all done; returns it converged, or rolled back. */
    JournalRecord hold(JournalRecord r, List<ConnectivityProbe> probes, Duration confirmWithin, String sriovctlPath) {
        if (!probes.isEmpty()) {
            Optional<String> failed = probe(probes);
            if (failed.isPresent()) return executor.rollBack(r, failed.get());
            r = journal.write(r.withEvent(journal.now() + " probes answered: " + String.join(", ", probes.stream().map(ConnectivityProbe::text).toList())));
        }
        if (confirmWithin == null) return executor.finish(r, "converged: " + r.steps().size() + " steps done and verified");
        Instant deadline = journal.now().plus(confirmWithin);
        String unit = startTimer(r.runId(), confirmWithin, sriovctlPath);
        r = journal.write(r.withState(RunState.AWAITING_CONFIRMATION).withGuard(r.guard().withDeadline(deadline.toString(), unit))
                .withEvent(journal.now() + " awaiting confirmation until " + deadline
                        + (unit == null ? " (no systemd timer: if this process dies, the next sriovctl apply rolls back)" : " (timer " + unit + ")")));
        progress.line("the new state is live; confirm within " + confirmWithin.toSeconds() + " s with 'sriovctl apply --confirm' from a new "
                + "session (that proves you can still reach the host)" + (confirmedHereUsable() ? ", or press Enter here" : "")
                + "; otherwise it rolls back by itself");
        long waited = 0;
        long window = confirmWithin.toMillis();
        while (waited < window) {
            host.pause(TICK);
            waited += TICK.toMillis();
            if (confirmedHere.getAsBoolean()) {
                stopTimer(unit);
                return executor.finish(r, "confirmed on the terminal");
            }
            Optional<JournalRecord> now = journal.read();
            if (now.isPresent() && (!now.get().runId().equals(r.runId()) || now.get().state() != RunState.AWAITING_CONFIRMATION)) {
                stopTimer(unit);
                progress.line(now.get().state() == RunState.CONVERGED ? "confirmed" : "the run is now " + now.get().state());
                return now.get();
            }
        }
        stopTimer(unit);
        Optional<JournalRecord> last = journal.read();
        if (last.isPresent() && last.get().runId().equals(r.runId()) && last.get().state() != RunState.AWAITING_CONFIRMATION) return last.get();
        return executor.rollBack(r, "not confirmed within " + confirmWithin.toSeconds() + " s");
    }

    private boolean confirmedHereUsable() {
        return confirmedHere != NEVER;
    }

    static final BooleanSupplier NEVER = () -> false;

    /** Each probe must answer at least once within the probe window; returns what failed. */
    Optional<String> probe(List<ConnectivityProbe> probes) {
        List<ConnectivityProbe> waiting = new ArrayList<>(probes);
        List<String> last = new ArrayList<>();
        long waited = 0;
        while (true) {
            last.clear();
            long t0 = System.nanoTime();
            for (ConnectivityProbe p : new ArrayList<>(waiting)) {
                ConnectivityProbe.Result res = p.check(host);
                if (res.ok()) {
                    waiting.remove(p);
                    progress.line("probe " + p.text() + " ... ok (" + res.detail() + ")");
                } else {
                    last.add(p.text() + ": " + res.detail());
                }
            }
            waited += (System.nanoTime() - t0) / 1_000_000;
            if (waiting.isEmpty()) return Optional.empty();
            if (waited >= PROBE_WINDOW.toMillis()) {
                String why = "probe failed within " + PROBE_WINDOW.toSeconds() + " s: " + String.join("; ", last);
                progress.line(why);
                return Optional.of(why);
            }
            host.pause(TICK);
            waited += TICK.toMillis();
        }
    }

    /** A transient timer that rolls the run back should this process die; null when the host has no systemd-run. */
    private String startTimer(String runId, Duration window, String sriovctlPath) {
        String unit = unitName(runId);
        List<String> argv = List.of("systemd-run", "--unit=" + unit, "--on-active=" + window.plus(TIMER_GRACE).toSeconds() + "s",
                "--timer-property=AccuracySec=1s", "--description=sriovctl: roll back unconfirmed apply " + runId,
                sriovctlPath, "apply", "--rollback=" + runId);
        try {
            Optional<CommandResult> res = host.run(argv, Duration.ofSeconds(30));
            if (res.isPresent() && res.get().ok()) return unit;
            progress.line("warning: no rollback timer (" + (res.isEmpty() ? "systemd-run is not available on " + host.description()
                    : "systemd-run exit " + res.get().exitCode() + ": " + res.get().stderr().strip()) + "); keep this process running");
        } catch (RuntimeException e) {
            progress.line("warning: no rollback timer (" + Executor.message(e) + "); keep this process running");
        }
        return null;
    }

    void stopTimer(String unit) {
        if (unit == null) return;
        try {
            host.run(List.of("systemctl", "stop", unit + ".timer"), Duration.ofSeconds(30));
        } catch (RuntimeException ignored) {
            // the timer finds the run no longer awaiting confirmation and does nothing
        }
    }

    static String unitName(String runId) {
        return "sriovctl-guard-" + runId.replace(':', '-');
    }
}
