package dev.sriovctl.cli;

import dev.sriovctl.sim.Errno;
import dev.sriovctl.sim.SimHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sriovctl sim write DIR PATH VALUE}: {@code echo VALUE > PATH} on a simulated host. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write a value the way 'echo VALUE > PATH' does, e.g.: sriovctl sim write DIR /sys/class/net/enp129s0f0np0/device/sriov_numvfs 4",
                "A refusal prints what the shell prints (echo: write error: Device or resource busy) and exits 1."})
public final class SimWriteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The simulated host.")
    Path dir;

    @Parameters(index = "1", paramLabel = "PATH", description = "Absolute path on the simulated host.")
    String path;

    @Parameters(index = "2", paramLabel = "VALUE", description = "What to write (echo adds the newline).")
    String value;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (SimHost host = SimHost.open(dir)) {
            Optional<Errno> err = host.echo(path, value);
            if (err.isPresent()) {
                Errno e = err.get();
                // errors of open(2) name the file; errors of write(2) come from echo (bash's wording)
                boolean open = e == Errno.ENOENT || e == Errno.EACCES || e == Errno.EISDIR;
                spec.commandLine().getErr().println(open ? path + ": " + e.text() : "echo: write error: " + e.text());
                spec.commandLine().getErr().flush();
                throw new CommandFailure(ExitCode.FAILED);
            }
        }
        return ExitCode.OK;
    }
}
