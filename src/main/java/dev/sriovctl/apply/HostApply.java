package dev.sriovctl.apply;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.Host;
import dev.sriovctl.plan.BootPhase;
import dev.sriovctl.plan.Finding;
import dev.sriovctl.plan.HostPlanner;
import dev.sriovctl.plan.Step;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.verify.CheckResult;
import dev.sriovctl.verify.CheckStatus;
import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.DoctorReport;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code sriovctl apply} in a few calls, for the CLI and tests: {@link #prepare} (finish or roll back
 * an interrupted earlier run, observe, validate, plan, decide the guard; the CLI may then show the
 * plan and ask), {@link #execute} (checkpoint, steps, guard), and the guard's two answers
 * {@link #confirm} and {@link #rollback}. Only {@link Executor} changes the host.
 */
public final class HostApply {
    private HostApply() {
    }

    /**
     * A plan ready to run.
     *
     * @param steps     the steps this run executes (all of the plan's, or one boot phase's)
     * @param guard     the connectivity guard it will use, or null
     * @param recovered what was done about an interrupted earlier run, or null
     */
    public record Prepared(Host host, Journal journal, HostPlanner.HostPlan hostPlan, String spec, ApplyOptions options,
                           List<Step> steps, GuardRecord guard, String recovered) {

        /** What stops this run: every blocker for a whole apply; for a boot phase, those not only about files. */
        public List<Finding> blockers() {
            return hostPlan.plan().findings().stream().filter(f -> f.blocks(options.bootPhase())).toList();
        }

        /** Blockers a boot phase goes past (about files it never writes); a whole apply still refuses them. */
        public List<Finding> blockersLeftToApply() {
            return hostPlan.plan().blockers().stream().filter(f -> !f.blocks(options.bootPhase())).toList();
        }
    }

    /**
     * @param spec     read after the recovery (which may restore the spec copy the boot units use)
     * @param specName how the spec is named in the journal and messages
     */
    public static Prepared prepare(Host host, Supplier<SpecLoader.Loaded> spec, String specName, ApplyOptions options,
                                   ApplyProgress progress, Clock clock) {
        if (!host.mutable()) {
            throw new InputException(SourceLocation.of(host.description()), "apply cannot change a captured snapshot (read-only)",
                    "use --sim DIR for a simulated host, or run on the host itself; 'sriovctl plan --snapshot' shows what apply would do");
        }
        Journal journal = new Journal(host, clock);
        Executor executor = new Executor(host, journal, progress);
        String recovered = Recovery.recover(journal, executor);
        if (recovered != null) progress.line(recovered);
        HostPlanner.HostPlan hp = HostPlanner.plan(host, spec.get(), options.planOptions());
        List<Step> steps = options.bootPhase() == null ? hp.plan().steps()
                : hp.plan().steps().stream().filter(s -> s.bootPhase() == options.bootPhase()).toList();
        return new Prepared(host, journal, hp, specName, options, steps, guard(hp, options), recovered);
    }

    private static GuardRecord guard(HostPlanner.HostPlan hp, ApplyOptions o) {
        List<String> probes = o.probes().stream().map(ConnectivityProbe::text).toList();
        if (o.bootPhase() != null) return null;
        if (o.guardAsked()) {
            return new GuardRecord(probes, o.confirmWithin() == null ? 0 : o.confirmWithin().toSeconds(), null, null, "asked for");
        }
        List<String> bridges = hp.plan().guardedBridges();
        if (bridges.isEmpty() || o.noGuard()) return null;
        return new GuardRecord(probes, ApplyOptions.DEFAULT_GUARD.toSeconds(), null, null, "on by default: the plan changes "
                + String.join(", ", bridges) + ", which carries an address you may be connected through");
    }

    /**
     * Runs a prepared plan: nothing when there is nothing to do or a blocker; else checkpoint, steps, guard.
     *
     * @param confirmedHere whether the person at this terminal confirmed (Enter), polled during the guard's wait; null = no terminal
     */
    public static ApplyResult execute(Prepared p, ApplyProgress progress, BooleanSupplier confirmedHere) {
        Host host = p.host();
        String hostName = host.hostname().orElse(p.hostPlan().inventory().hostname());
        String phase = p.options().bootPhase() == null ? null : p.options().bootPhase().toString();
        List<Finding> blockers = p.blockers();
        for (Finding f : p.blockersLeftToApply()) {
            progress.line("note: " + f.subject() + ": " + f.message() + " ('sriovctl apply' refuses until it is fixed; the "
                    + phase + " phase writes no configuration file, so it goes on)");
        }
        if (!blockers.isEmpty()) {
            List<String> each = blockers.stream()
                    .map(f -> f.subject() + ": " + f.message() + (f.fix() == null ? "" : " (fix: " + f.fix() + ")")).toList();
            return ApplyResult.nothing(hostName, p.spec(), phase, Outcome.REFUSED, p.recovered(), each.size()
                    + " blocker(s) in the plan; nothing was changed: " + String.join("; ", each));
        }
        if (p.options().bootPhase() == BootPhase.POST) {
            Optional<BootHandover> pre = BootHandover.read(host);
            if (pre.isPresent() && pre.get().outcome().exitCode() != 0) {
                return ApplyResult.nothing(hostName, p.spec(), phase, Outcome.REFUSED, p.recovered(), "the pre phase of this boot ended "
                        + pre.get().outcome() + " (" + pre.get().message() + "); VFs are left unbound. See 'journalctl -u sriovctl-pre.service'");
            }
        }
        ApplyResult result;
        if (p.steps().isEmpty()) {
            int others = p.hostPlan().plan().steps().size();
            result = ApplyResult.nothing(hostName, p.spec(), phase, Outcome.UNCHANGED, p.recovered(), phase == null
                    ? "0 changes: the host already matches the spec; nothing was touched"
                    : "0 changes in the " + phase + " phase" + (others == 0 ? "" : " (" + others + " change(s) of other phases are left for 'sriovctl apply')"));
        } else {
            Executor executor = new Executor(host, p.journal(), progress);
            progress.line("applying " + p.steps().size() + " change" + (p.steps().size() == 1 ? "" : "s") + " to " + host.description()
                    + (phase == null ? "" : " (boot phase " + phase + ")") + "; journal " + Journal.FILE);
            if (p.guard() != null) progress.line("connectivity guard " + p.guard().why() + describe(p.guard()));
            JournalRecord r = executor.run(p.spec(), phase, p.steps(), p.guard());
            if (r.state() == RunState.RUNNING) {
                if (p.guard() != null) {
                    Duration window = p.guard().confirmWithin() > 0 ? Duration.ofSeconds(p.guard().confirmWithin()) : null;
                    r = new ConnectivityGuard(host, p.journal(), executor, progress, confirmedHere == null ? ConnectivityGuard.NEVER : confirmedHere)
                            .hold(r, p.options().probes(), window, p.options().sriovctlPath());
                } else {
                    r = executor.finish(r, "converged: " + r.steps().size() + " steps done and verified");
                }
            }
            result = ApplyResult.of(r, outcome(r.state()), p.recovered(), message(r));
        }
        if (p.options().bootPhase() == BootPhase.PRE) {
            BootHandover.write(host, new BootHandover("pre", result.outcome(), result.runId(), Executor.bootId(host),
                    p.journal().now().toString(), result.message()));
        }
        if (p.options().bootPhase() == BootPhase.POST && result.exitCode() == 0) result = withDoctor(host, result);
        return result;
    }

    private static String describe(GuardRecord g) {
        List<String> parts = new ArrayList<>();
        if (!g.probes().isEmpty()) parts.add("probes " + String.join(", ", g.probes()));
        if (g.confirmWithin() > 0) parts.add("confirmation within " + g.confirmWithin() + " s");
        return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
    }

    private static Outcome outcome(RunState s) {
        return switch (s) {
            case CONVERGED -> Outcome.CONVERGED;
            case ROLLED_BACK -> Outcome.ROLLED_BACK;
            default -> Outcome.ROLLBACK_INCOMPLETE;
        };
    }

    private static String message(JournalRecord r) {
        String last = r.events().isEmpty() ? "" : r.events().get(r.events().size() - 1);
        String cause = r.events().stream().filter(e -> e.contains(" rolling back: ")).reduce((a, b) -> b)
                .map(e -> e.substring(e.indexOf(" rolling back: ") + 15)).orElse(null);
        return switch (r.state()) {
            case CONVERGED -> r.steps().size() + " change" + (r.steps().size() == 1 ? "" : "s") + " applied and verified; the host matches the spec";
            case ROLLED_BACK -> "rolled back (" + cause + "); the host is as it was before this apply: every reading matches the checkpoint";
            default -> "the rollback is incomplete (" + cause + "): " + last.substring(Math.min(last.length(), last.indexOf(' ') + 1))
                    + "; the journal " + Journal.FILE + " lists every step and what differs";
        };
    }

    /** sriovctl-post.service ends with the doctor checks: failures and warnings become events. */
    private static ApplyResult withDoctor(Host host, ApplyResult r) {
        List<String> events = new ArrayList<>(r.events());
        try {
            DoctorReport report = Doctor.run(DoctorContext.of(host));
            for (CheckResult c : report.checks()) {
                if (c.status() == CheckStatus.FAIL || c.status() == CheckStatus.WARN) {
                    events.add("doctor " + c.status() + " " + c.id() + " " + c.subject() + ": " + c.evidence());
                }
            }
            events.add("doctor: " + report.count(CheckStatus.PASS) + " pass, " + report.count(CheckStatus.FAIL) + " fail, "
                    + report.count(CheckStatus.WARN) + " warn");
        } catch (RuntimeException e) {
            events.add("doctor could not run: " + Executor.message(e));
        }
        return new ApplyResult(r.host(), r.spec(), r.phase(), r.outcome(), r.runId(), r.changes(), r.steps(), r.recovered(), r.guard(),
                r.differences(), events, r.journal(), r.message());
    }

    /** {@code apply --confirm}: keeps the live state of the run awaiting confirmation. */
    public static ApplyResult confirm(Host host, Clock clock) {
        Journal journal = new Journal(host, clock);
        JournalRecord r = journal.read().filter(x -> x.state() == RunState.AWAITING_CONFIRMATION).orElseThrow(() ->
                new InputException(SourceLocation.of(Journal.FILE), "no apply awaits confirmation on " + host.description()
                        + journal.read().map(x -> " (the last run, " + x.runId() + ", is " + x.state() + ")").orElse(""),
                        "--confirm answers an 'apply --confirm-within' that is still waiting"));
        if (r.guard() != null && r.guard().deadline() != null && journal.now().isAfter(java.time.Instant.parse(r.guard().deadline()))) {
            throw new InputException(SourceLocation.of(Journal.FILE), "run " + r.runId() + " was not confirmed in time (deadline "
                    + r.guard().deadline() + "); it is being rolled back", "run 'sriovctl apply -f SPEC' again, and confirm in time");
        }
        JournalRecord done = journal.write(r.withState(RunState.CONVERGED).withEvent(journal.now() + " confirmed by 'apply --confirm'"));
        if (r.guard() != null) new ConnectivityGuard(host, journal, null, ApplyProgress.silent(), ConnectivityGuard.NEVER).stopTimer(r.guard().timerUnit());
        return ApplyResult.of(done, Outcome.DONE, null, "confirmed: the state of run " + r.runId() + " stays");
    }

    /**
     * {@code apply --rollback[=RUN]}: rolls back the run awaiting confirmation (or an interrupted one)
     * now. With a run id (the guard's timer) it does nothing unless that run is still unconfirmed.
     */
    public static ApplyResult rollback(Host host, String runId, ApplyProgress progress, Clock clock) {
        Journal journal = new Journal(host, clock);
        Optional<JournalRecord> last = journal.read();
        String name = host.hostname().orElse(null);
        if (last.isEmpty() || last.get().state().isFinal() || (runId != null && !runId.isEmpty() && !runId.equals(last.get().runId()))) {
            return ApplyResult.nothing(name, null, null, Outcome.DONE, null, "nothing to roll back"
                    + last.map(x -> ": the last run, " + x.runId() + ", is " + x.state()).orElse(": the journal is empty"));
        }
        JournalRecord r = last.get();
        boolean rebooted = r.bootId() != null && !r.bootId().equals(Executor.bootId(host));
        JournalRecord done = new Executor(host, journal, progress).rollBack(r, "asked for by 'apply --rollback'", rebooted);
        return ApplyResult.of(done, done.state() == RunState.ROLLED_BACK ? Outcome.DONE : Outcome.ROLLBACK_INCOMPLETE, null, message(done));
    }
}
