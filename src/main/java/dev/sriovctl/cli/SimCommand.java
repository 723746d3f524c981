package dev.sriovctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sriovctl sim}: simulated ConnectX hosts to rehearse changes on (docs/sim.md). */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"A simulated ConnectX host (a digital twin) that behaves like the kernel, the mlx5 driver and udev.",
                "Make one, then use --sim DIR on any command (discover, plan, apply) to rehearse. See docs/sim.md."},
        subcommands = {SimCreateCommand.class, SimExecCommand.class, SimWriteCommand.class, SimFaultCommand.class,
                SimStatusCommand.class})
public final class SimCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
