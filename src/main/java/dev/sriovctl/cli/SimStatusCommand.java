package dev.sriovctl.cli;

import dev.sriovctl.sim.SimHost;
import dev.sriovctl.sim.SimStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sriovctl sim status DIR}: what the simulator knows that discovery cannot see (LAG, VF connectivity, faults). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a simulated host's NICs, hardware LAG, each VF's connectivity (its traffic reaching the wire) and the injected faults.")
public final class SimStatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The simulated host.")
    Path dir;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SimStatus status;
        try (SimHost host = SimHost.open(dir)) {
            status = SimStatus.of(host);
        }
        var out = spec.commandLine().getOut();
        switch (output.format()) {
            case JSON, YAML -> Printer.print(out, output.format(), status);
            default -> out.print(status.render());
        }
        out.flush();
        return ExitCode.OK;
    }
}
