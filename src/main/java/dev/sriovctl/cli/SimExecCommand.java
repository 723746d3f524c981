package dev.sriovctl.cli;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.SimHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sriovctl sim exec DIR -- ARGV}: runs one simulated command and exits with its code. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run one command on a simulated host, e.g.: sriovctl sim exec DIR -- devlink dev eswitch set pci/0000:81:00.0 mode switchdev",
                "Prints its stdout and stderr and exits with its exit code (127 when the host has no such command)."})
public final class SimExecCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The simulated host.")
    Path dir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ARGV", description = "The command (after --).")
    List<String> argv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (SimHost host = SimHost.open(dir)) {
            Optional<CommandResult> r = host.run(argv);
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            if (r.isEmpty()) {
                err.println(argv.get(0) + ": command not found on the simulated host (it has: "
                        + String.join(", ", host.tools().names()) + ")");
                err.flush();
                throw new CommandFailure(127);
            }
            out.print(r.get().stdout());
            out.flush();
            err.print(r.get().stderr());
            err.flush();
            if (!r.get().ok()) throw new CommandFailure(r.get().exitCode());
        }
        return ExitCode.OK;
    }
}
