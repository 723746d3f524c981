package dev.sriovctl.apply;

import dev.sriovctl.plan.Step;

/**
 * One step in the journal: the step itself (with its actions and undo, as data), its progress,
 * and what its verification or failure saw.
 *
 * @param attempts verification reads made
 * @param detail   what was read back, or the error; null before the step ran
 */
public record StepRecord(int index, Step step, StepStatus status, int attempts, String detail) {

    public StepRecord with(StepStatus s, int n, String d) {
        return new StepRecord(index, step, s, n, d);
    }

    public StepRecord with(StepStatus s) {
        return new StepRecord(index, step, s, attempts, detail);
    }
}
