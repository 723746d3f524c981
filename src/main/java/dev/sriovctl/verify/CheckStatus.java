package dev.sriovctl.verify;

/** The verdict of one check on one subject. Only FAIL makes doctor exit 1; WARN is advice. */
public enum CheckStatus {
    PASS, FAIL, WARN, SKIP;

    /** The word of the JSON contract (DESIGN section 5): pass, fail, warn, skip. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
