package dev.sriovctl.apply;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** How an apply ended, and its exit code (DESIGN section 1). */
public enum Outcome {
    /** The host already matched the spec: nothing was touched. */
    @JsonProperty("unchanged") UNCHANGED(0),
    @JsonProperty("converged") CONVERGED(0),
    /** The plan has blockers: nothing was touched. */
    @JsonProperty("refused") REFUSED(1),
    /** A step, a probe or the confirmation failed; the host is back at its checkpoint. */
    @JsonProperty("rolled-back") ROLLED_BACK(1),
    /** A requested rollback ({@code --rollback}) or confirmation ({@code --confirm}) was done. */
    @JsonProperty("done") DONE(0),
    /** The rollback could not restore everything: the journal says what differs. */
    @JsonProperty("rollback-incomplete") ROLLBACK_INCOMPLETE(3);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
