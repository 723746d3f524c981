package dev.sriovctl.cli;

/** The exit codes of DESIGN section 1, the same on every command. */
public final class ExitCode {
    private ExitCode() {
    }

    /** Success; every check passed. */
    public static final int OK = 0;
    /** A check failed, or apply rolled back. */
    public static final int FAILED = 1;
    /** Bad usage or bad input; nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** A command or a write on the host failed; the state is as the journal says. */
    public static final int HOST_ERROR = 3;

    /** The list shown at the end of every --help. */
    static final String[] HELP_LIST = {
            "0:success; every check passed",
            "1:a check failed, or apply rolled back",
            "2:bad usage or bad input (nothing changed)",
            "3:host error: a command or write failed (state as the journal says)"};
}
