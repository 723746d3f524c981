package dev.sriovctl.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * What an apply did, for people and scripts ({@code apply -o json}; docs/apply.md has the shape).
 *
 * @param outcome     how it ended (its exit code: {@link Outcome#exitCode()})
 * @param runId       the journal's run, or null when nothing ran
 * @param changes     steps planned (for the boot phase: the phase's steps)
 * @param steps       each step with what happened to it
 * @param recovered   what was done about an earlier run found unfinished in the journal, or null
 * @param guard       the connectivity guard used, or null
 * @param differences after an incomplete rollback: what still differs from the checkpoint
 * @param events      the run's journal events
 * @param message     one sentence: what happened and the state the host is in
 */
public record ApplyResult(String host, String spec, String phase, Outcome outcome, String runId, int changes,
                          List<StepView> steps, String recovered, GuardRecord guard, List<String> differences,
                          List<String> events, String journal, String message) {

    public ApplyResult {
        steps = List.copyOf(steps);
        differences = List.copyOf(differences);
        events = List.copyOf(events);
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    public record StepView(int index, String step, String subject, String summary, String bootPhase, boolean disruptive,
                           String status, int attempts, String detail) {
    }

    static ApplyResult of(JournalRecord r, Outcome outcome, String recovered, String message) {
        List<StepView> views = new ArrayList<>();
        for (StepRecord s : r.steps()) {
            views.add(new StepView(s.index(), s.step().kind(), s.step().subject(), s.step().summary(), s.step().bootPhase().toString(),
                    s.step().disruptive(), s.status().toString(), s.attempts(), s.detail()));
        }
        List<String> diffs = r.events().stream().filter(e -> e.contains(" differs from the checkpoint: "))
                .map(e -> e.substring(e.indexOf(" differs from the checkpoint: ") + 30)).toList();
        return new ApplyResult(r.host(), r.spec(), r.phase(), outcome, r.runId(), r.steps().size(), views, recovered, r.guard(), diffs,
                r.events(), Journal.FILE, message);
    }

    static ApplyResult nothing(String host, String spec, String phase, Outcome outcome, String recovered, String message) {
        return new ApplyResult(host, spec, phase, outcome, null, 0, List.of(), recovered, null, List.of(), List.of(), Journal.FILE, message);
    }
}
