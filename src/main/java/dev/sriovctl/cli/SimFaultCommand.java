package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.sim.SimHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sriovctl sim fault DIR KIND ...}: inject or clear faults (docs/sim.md, "Faults"). */
@Command(name = "fault", mixinStandardHelpOptions = true,
        description = {"Inject a fault into a simulated host, or list/clear them:",
                "  sim fault DIR link-down PF        a port's physical link goes down (PF: PCI address or netdev)",
                "  sim fault DIR link-up PF          ... and comes back",
                "  sim fault DIR command [--exit N] [--stderr TEXT] -- ARGV...   commands starting with ARGV fail",
                "  sim fault DIR write-eio PATH      writes to a sysfs attribute fail with EIO",
                "  sim fault DIR crash-after N       the process dies (exit 137, like kill -9) at its N+1th change",
                "  sim fault DIR list | clear"})
public final class SimFaultCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The simulated host.")
    Path dir;

    @Parameters(index = "1", paramLabel = "KIND", description = "link-down, link-up, command, write-eio, crash-after, list, clear.")
    String kind;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "ARGS")
    List<String> args = List.of();

    @Option(names = "--exit", defaultValue = "1", description = "Exit code of the failing command (default 1).")
    int exit;

    @Option(names = "--stderr", defaultValue = "", description = "What the failing command prints on stderr.")
    String stderr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (SimHost host = SimHost.open(dir)) {
            switch (kind) {
                case "link-down" -> host.setPortLink(one("PF"), false);
                case "link-up" -> host.setPortLink(one("PF"), true);
                case "command" -> {
                    if (args.isEmpty()) throw usage("command needs the argv prefix after --");
                    host.failCommand(args, exit, stderr);
                }
                case "write-eio" -> host.failWrites(one("PATH"));
                case "crash-after" -> {
                    try {
                        host.crashAfter(Long.parseLong(one("N")));
                    } catch (NumberFormatException e) {
                        throw usage("crash-after needs a number");
                    }
                }
                case "clear" -> host.clearFaults();
                case "list" -> {
                    // printed below
                }
                default -> throw usage("unknown fault '" + kind + "'");
            }
            List<String> faults = host.faults();
            if (faults.isEmpty()) out.println("no faults");
            for (String f : faults) out.println(f);
        }
        return ExitCode.OK;
    }

    private String one(String what) {
        if (args.size() != 1) throw usage(kind + " needs exactly one " + what);
        return args.get(0);
    }

    private InputException usage(String message) {
        return new InputException(SourceLocation.of("sim fault"), message,
                "kinds: link-down PF, link-up PF, command [--exit N] [--stderr TEXT] -- ARGV..., write-eio PATH, crash-after N, list, clear");
    }
}
