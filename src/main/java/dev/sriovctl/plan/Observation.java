package dev.sriovctl.plan;

/** What a probe saw: whether it holds, and the value read (for messages and the journal). */
public record Observation(boolean ok, String observed) {

    public static Observation of(boolean ok, String observed) {
        return new Observation(ok, observed);
    }
}
