package dev.sriovctl.cli;

/** Ends a command with an exit code after it has printed its own explanation (e.g. checks failed). */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CommandFailure(int exitCode) {
        super(null, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
