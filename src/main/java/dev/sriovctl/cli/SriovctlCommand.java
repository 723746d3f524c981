package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.host.HostException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/** The root command: {@code sriovctl}. Its subcommands are listed in {@link #SUBCOMMANDS}. */
@Command(name = "sriovctl",
        mixinStandardHelpOptions = true,
        versionProvider = SriovctlCommand.Version.class,
        modelTransformer = SriovctlCommand.Subcommands.class,
        description = {
                "SR-IOV switchdev, Open vSwitch hardware offload and Proxmox VF mappings for NVIDIA/Mellanox ConnectX (mlx5) hosts.",
                "",
                "Host selection, the same on every command: nothing = this machine; --snapshot DIR|FILE.tar.gz = a captured host (read-only); --sim DIR = a simulated host."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success; every check passed",
                "1:a check failed, or apply rolled back",
                "2:bad usage or bad input (nothing changed)",
                "3:host error: a command or write failed (state as the journal says)"})
public final class SriovctlCommand implements Runnable {

    /** Every subcommand, in the order --help lists them. A new command is one line here. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            DiscoverCommand.class,
            DoctorCommand.class,
            CaptureCommand.class,
            PveCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            BenchCommand.class,
            MetricsCommand.class,
            SimCommand.class,
            CommandLine.HelpCommand.class);

    /** The one subcommand this run needs, or null for all of them. */
    private final Class<?> only;

    @Spec
    CommandSpec spec;

    /** The whole command tree (what picocli's AutoComplete and ManPageGenerator instantiate). */
    public SriovctlCommand() {
        this(null);
    }

    private SriovctlCommand(Class<?> only) {
        this.only = only;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A configured command line writing to the given streams, for these arguments: when they start
     * with a subcommand's name, the model holds that subcommand alone; without arguments, the whole tree.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SriovctlCommand(invoked(args)));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(SriovctlCommand::handleException);
        cl.setParameterExceptionHandler(SriovctlCommand::handleUsageError);
        cl.setExitCodeExceptionMapper(t -> t instanceof HostException ? ExitCode.HOST_ERROR : ExitCode.BAD_INPUT);
        return cl;
    }

    /**
     * The subcommand the first argument names; null for anything else: options, a typo (its
     * suggestions come from every name) and 'help' (which describes the others).
     */
    static Class<?> invoked(String... args) {
        if (args.length == 0) return null;
        for (Class<?> c : SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0])) return c;
        }
        return null;
    }

    /**
     * Adds the subcommands to the model picocli builds from the annotations: only the invoked one
     * when there is one, else all. picocli builds each command's model by annotation reflection,
     * which was most of a short run's start-up (bench/startup, README "Performance").
     */
    public static final class Subcommands implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec root) {
            Class<?> only = root.userObject() instanceof SriovctlCommand s ? s.only : null;
            for (Class<?> c : SUBCOMMANDS) {
                if (only != null && c != only) continue;
                CommandLine sub = new CommandLine(c);
                withVersion(sub.getCommandSpec());
                root.addSubcommand(sub.getCommandSpec().name(), sub);
            }
            return root;
        }

        /** A subcommand's --version (mixinStandardHelpOptions) prints what the root's does, at every level. */
        private static void withVersion(CommandSpec spec) {
            spec.versionProvider(new Version());
            for (CommandLine nested : spec.subcommands().values()) withVersion(nested.getCommandSpec());
        }
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
