package dev.sriovctl;

import java.util.List;

/**
 * Bad input (a spec, a snapshot, a command output or an API answer that cannot be used).
 * The CLI maps it to exit code 2; nothing on the host has been changed when it is thrown.
 * Each problem names where it was found and, where possible, what would be valid.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem: where, what, and what would be valid (may be empty). */
    public record Problem(SourceLocation location, String message, String hint) {
        public String render() {
            StringBuilder sb = new StringBuilder();
            if (location != null) sb.append(location).append(": ");
            sb.append(message);
            if (hint != null && !hint.isBlank()) sb.append("\n  ").append(hint);
            return sb.toString();
        }
    }

    private final List<Problem> problems;

    public InputException(SourceLocation location, String message, String hint) {
        this(List.of(new Problem(location, message, hint)));
    }

    public InputException(SourceLocation location, String message) {
        this(location, message, null);
    }

    public InputException(List<Problem> problems) {
        super(problems.isEmpty() ? "bad input" : problems.get(0).render());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Every problem, one after the other, as a person reads them. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) sb.append('\n');
            sb.append("error: ").append(p.render());
        }
        return sb.toString();
    }
}
