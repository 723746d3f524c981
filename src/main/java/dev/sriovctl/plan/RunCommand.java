package dev.sriovctl.plan;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;

import java.time.Duration;
import java.util.List;

/**
 * Runs an argv command (never a shell string).
 *
 * @param okExitCodes exit statuses that do not fail the action (the step's verification decides)
 * @param note        why other exit codes are tolerated, shown in the plan; null when only 0 is
 */
public record RunCommand(List<String> argv, List<Integer> okExitCodes, int timeoutSeconds, String note) implements Action {

    public RunCommand {
        argv = List.copyOf(argv);
        okExitCodes = List.copyOf(okExitCodes);
    }

    public static RunCommand of(String... argv) {
        return new RunCommand(List.of(argv), List.of(0), 30, null);
    }

    public static RunCommand of(int timeoutSeconds, List<String> argv) {
        return new RunCommand(argv, List.of(0), timeoutSeconds, null);
    }

    @Override
    public void apply(Host host) {
        CommandResult r = host.run(argv, Duration.ofSeconds(timeoutSeconds))
                .orElseThrow(() -> new HostException("command not available on " + host.description() + ": " + String.join(" ", argv)));
        if (!okExitCodes.contains(r.exitCode())) throw HostException.commandFailed(r);
    }

    @Override
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(a.isEmpty() || a.matches(".*[\\s'\"$`\\\\*?\\[\\]{}|&;<>()!#~].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }
}
