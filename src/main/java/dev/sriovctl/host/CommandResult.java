package dev.sriovctl.host;

import java.util.List;

/** What a command did: its argv (as run), exit status and captured output. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** The stdout, or a HostException naming the command when it failed. */
    public String stdoutOrThrow() {
        if (!ok()) throw HostException.commandFailed(this);
        return stdout;
    }
}
