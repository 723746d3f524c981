package dev.sriovctl.apply;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** Where a run recorded in the journal stands. Only the last three are final. */
public enum RunState {
    /** Steps are being applied; found by a later run, it means the run was killed. */
    @JsonProperty("running") RUNNING,
    /** Steps are being undone; found by a later run, the rollback is finished. */
    @JsonProperty("rolling-back") ROLLING_BACK,
    /** Every step done; the old state stays restorable until confirmed, or until the deadline. */
    @JsonProperty("awaiting-confirmation") AWAITING_CONFIRMATION,
    @JsonProperty("converged") CONVERGED,
    @JsonProperty("rolled-back") ROLLED_BACK,
    /** An undo failed or the host differs from the checkpoint afterwards: see the run's events. */
    @JsonProperty("rollback-incomplete") ROLLBACK_INCOMPLETE;

    public boolean isFinal() {
        return this == CONVERGED || this == ROLLED_BACK || this == ROLLBACK_INCOMPLETE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
