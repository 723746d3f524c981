package dev.sriovctl.apply;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** A step's progress in the journal. */
public enum StepStatus {
    @JsonProperty("pending") PENDING,
    /** Its precondition did not hold: nothing of it was done. */
    @JsonProperty("refused") REFUSED,
    /** Its actions were started; some may have taken effect. */
    @JsonProperty("running") RUNNING,
    /** Done and verified. */
    @JsonProperty("done") DONE,
    /** An action or the verification failed; some actions may have taken effect. */
    @JsonProperty("failed") FAILED,
    /** Its undo was started. */
    @JsonProperty("undoing") UNDOING,
    @JsonProperty("undone") UNDONE;

    /** Whether anything of the step may have taken effect, so a rollback must undo it. */
    public boolean touched() {
        return this == RUNNING || this == DONE || this == FAILED || this == UNDOING;
    }

    /** Whether the step may be only partly done, so its undo may find some of it undone already. */
    public boolean partial() {
        return this == RUNNING || this == FAILED || this == UNDOING;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
