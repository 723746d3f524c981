package dev.sriovctl.host;

import java.util.List;

/**
 * A command or a write on the host failed. The CLI maps it to exit code 3.
 * Carries the argv (already redacted), the exit status and the tail of stderr, or the path written.
 */
public final class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> argv;
    private final int exitCode;
    private final String stderrTail;

    public HostException(String message) {
        this(message, List.of(), -1, "", null);
    }

    public HostException(String message, Throwable cause) {
        this(message, List.of(), -1, "", cause);
    }

    public HostException(String message, List<String> argv, int exitCode, String stderrTail, Throwable cause) {
        super(message, cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /** A failed command, described from its result. */
    public static HostException commandFailed(CommandResult result) {
        return new HostException("command failed (exit " + result.exitCode() + "): " + String.join(" ", result.argv()),
                result.argv(), result.exitCode(), tail(result.stderr(), 10), null);
    }

    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }

    static String tail(String text, int lines) {
        if (text == null || text.isEmpty()) return "";
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines - (text.endsWith("\n") ? 1 : 0));
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length)).strip();
    }
}
