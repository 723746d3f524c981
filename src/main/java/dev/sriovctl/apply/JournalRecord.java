package dev.sriovctl.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One apply run as the journal keeps it ({@value Journal#FILE}): the plan's steps with their
 * progress, the checkpoint taken before the first step, the guard, and what happened. It is
 * rewritten atomically before and after every step, so a later run always finds where a killed
 * one stopped.
 *
 * @param phase  the boot phase it ran for ("pre", "post"), or null
 * @param bootId the kernel's boot id when it ran: a later run on another boot knows the kernel state was reset
 * @param events what happened, oldest first ("step 4 failed: ...", "rolled back")
 */
public record JournalRecord(String format, String runId, String host, String spec, String phase, String bootId, RunState state,
                            String startedAt, String updatedAt, Checkpoint checkpoint, List<StepRecord> steps,
                            GuardRecord guard, List<String> events) {

    public static final String FORMAT = "sriovctl-journal/1";

    public JournalRecord {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    public JournalRecord withState(RunState s) {
        return new JournalRecord(format, runId, host, spec, phase, bootId, s, startedAt, updatedAt, checkpoint, steps, guard, events);
    }

    public JournalRecord withUpdatedAt(String at) {
        return new JournalRecord(format, runId, host, spec, phase, bootId, state, startedAt, at, checkpoint, steps, guard, events);
    }

    public JournalRecord withGuard(GuardRecord g) {
        return new JournalRecord(format, runId, host, spec, phase, bootId, state, startedAt, updatedAt, checkpoint, steps, g, events);
    }

    public JournalRecord withStep(int index, UnaryOperator<StepRecord> change) {
        List<StepRecord> s = new ArrayList<>(steps);
        s.set(index - 1, change.apply(s.get(index - 1)));
        return new JournalRecord(format, runId, host, spec, phase, bootId, state, startedAt, updatedAt, checkpoint, s, guard, events);
    }

    public JournalRecord withEvent(String event) {
        List<String> e = new ArrayList<>(events);
        e.add(event);
        return new JournalRecord(format, runId, host, spec, phase, bootId, state, startedAt, updatedAt, checkpoint, steps, guard, e);
    }

    public StepRecord step(int index) {
        return steps.get(index - 1);
    }
}
