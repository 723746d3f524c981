package dev.sriovctl.apply;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every apply does first: find, in the journal, a run that did not end. A run left
 * {@code running} or {@code rolling-back} (the process was killed, the host lost power) is rolled
 * back to its checkpoint; the caller then plans again from the host as it is, which converges to
 * the same state an uninterrupted run would have. (Rolling forward would need to know which of a
 * half-done step's effects took place; rolling back needs only each step's undo, which tolerates
 * finding its work undone already.) A run awaiting confirmation past its deadline is rolled back; one
 * still inside its window blocks a new apply until it is confirmed or rolled back.
 */
final class Recovery {
    private Recovery() {
    }

    /** Returns what was done, or null when the journal holds no unfinished run. */
    static String recover(Journal journal, Executor executor) {
        if (!journal.hasUnfinishedRun()) return null;
        Optional<JournalRecord> last = journal.read();
        if (last.isEmpty() || last.get().state().isFinal()) return null;
        JournalRecord r = last.get();
        boolean rebooted = r.bootId() != null && !Objects.equals(r.bootId(), Executor.bootId(journal.host()));
        if (r.state() == RunState.AWAITING_CONFIRMATION) {
            Instant deadline = r.guard() == null || r.guard().deadline() == null ? null : Instant.parse(r.guard().deadline());
            if (!rebooted && deadline != null && journal.now().isBefore(deadline)) {
                throw new InputException(SourceLocation.of(Journal.FILE), "the apply of run " + r.runId() + " awaits confirmation until "
                        + deadline + "; nothing was changed",
                        "confirm it with 'sriovctl apply --confirm', or undo it now with 'sriovctl apply --rollback'");
            }
            String why = rebooted ? "the host rebooted before run " + r.runId() + " was confirmed"
                    : "run " + r.runId() + " was not confirmed by " + deadline;
            JournalRecord done = executor.rollBack(r, why, rebooted);
            return why + ": " + done.state();
        }
        String why = "run " + r.runId() + " was interrupted while " + (r.state() == RunState.RUNNING ? "applying" : "rolling back")
                + (rebooted ? " (and the host rebooted since)" : "") + "; it is rolled back to its checkpoint before planning again";
        JournalRecord done = executor.rollBack(r, why, rebooted);
        if (done.state() != RunState.ROLLED_BACK) {
            throw new dev.sriovctl.host.HostException("the interrupted run " + r.runId() + " could not be rolled back completely ("
                    + done.state() + "); nothing more was changed. See " + Journal.FILE + " and 'sriovctl doctor'");
        }
        return why + ": " + done.state();
    }
}
