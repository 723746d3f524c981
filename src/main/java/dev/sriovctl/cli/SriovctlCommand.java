package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.host.HostException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** The root command: {@code sriovctl}. */
@Command(name = "sriovctl",
        mixinStandardHelpOptions = true,
        versionProvider = SriovctlCommand.Version.class,
        description = {
                "SR-IOV switchdev, Open vSwitch hardware offload and Proxmox VF mappings for NVIDIA/Mellanox ConnectX (mlx5) hosts.",
                "",
                "Host selection, the same on every command: nothing = this machine; --snapshot DIR|FILE.tar.gz = a captured host (read-only); --sim DIR = a simulated host."},
        subcommands = {
                DiscoverCommand.class,
                DoctorCommand.class,
                CaptureCommand.class,
                PveCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                BenchCommand.class,
                SimCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success; every check passed",
                "1:a check failed, or apply rolled back",
                "2:bad usage or bad input (nothing changed)",
                "3:host error: a command or write failed (state as the journal says)"})
public final class SriovctlCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SriovctlCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(SriovctlCommand::handleException);
        cl.setParameterExceptionHandler(SriovctlCommand::handleUsageError);
        cl.setExitCodeExceptionMapper(t -> t instanceof HostException ? ExitCode.HOST_ERROR : ExitCode.BAD_INPUT);
        return cl;
    }

    private static int handleException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof InputException ie) {
            err.println(ie.render());
            err.println("nothing was changed.");
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof HostException he) {
            err.println("error: " + he.getMessage());
            if (!he.stderrTail().isEmpty()) {
                for (String line : he.stderrTail().split("\n")) err.println("  | " + line);
            }
            return ExitCode.HOST_ERROR;
        }
        if (e instanceof CommandFailure cf) {
            return cf.exitCode();
        }
        err.println("internal error: " + e);
        for (StackTraceElement s : e.getStackTrace()) err.println("    at " + s);
        err.println("please report this with the command line and, if you can, a snapshot ('sriovctl capture').");
        return ExitCode.HOST_ERROR;
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("usage: " + cl.getHelp().synopsis(0).strip());
        }
        err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        return ExitCode.BAD_INPUT;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SriovctlCommand.class.getPackage().getImplementationVersion();
            return new String[]{"sriovctl " + (v == null ? "dev" : v)};
        }
    }
}
