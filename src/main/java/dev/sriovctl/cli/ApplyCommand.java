package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.Progress;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyProgress;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.ApplyText;
import dev.sriovctl.apply.ConnectivityProbe;
import dev.sriovctl.apply.HostApply;
import dev.sriovctl.plan.BootPhase;
import dev.sriovctl.plan.PlanText;
import dev.sriovctl.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** {@code sriovctl apply}: brings the host to the spec, live, with a journal and rollback (docs/apply.md). */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Bring the host to the spec now, without a reboot: the steps 'plan' shows, each verified by reading back; "
                + "a journal in /var/lib/sriovctl and a checkpoint let any failure roll back. docs/apply.md explains it.",
                "With --confirm-within (on by default when the plan changes the bridge carrying the management address) the change "
                + "rolls back by itself unless 'sriovctl apply --confirm' comes in time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converged (or nothing to do; or --confirm/--rollback done)",
                "1:rolled back (a step, a probe or the confirmation failed), or refused (blockers); the host is as before",
                "2:bad usage or an invalid spec; nothing changed",
                "3:host error: the rollback could not restore everything; the journal says what differs"})
public final class ApplyCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC.yaml", description = "The spec (docs/spec.md).")
    Path file;

    @Option(names = "--confirm-within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep the old state restorable: unless 'sriovctl apply --confirm' comes within DURATION (e.g. 120s), roll back.")
    Duration confirmWithin;

    @Option(names = "--confirm", description = "Confirm the apply that awaits confirmation (run from a new session).")
    boolean confirm;

    @Option(names = "--rollback", arity = "0..1", paramLabel = "RUN", fallbackValue = "",
            description = "Roll back the apply that awaits confirmation (or an interrupted one) now; with RUN only that run.")
    String rollback;

    @Option(names = "--probe", paramLabel = "ping:ADDR|tcp:HOST:PORT",
            description = "After the last step, this must answer (retried for 30 s), or the change rolls back. Repeatable.")
    List<String> probes = new ArrayList<>();

    @Option(names = "--allow-disruption",
            description = "Change VF counts or e-switch modes even while VFs are bound to vfio-pci (VMs lose them).")
    boolean allowDisruption;

    @Option(names = "--no-guard", description = "Do not turn the connectivity guard on by default for the management bridge.")
    boolean noGuard;

    @Option(names = "--boot-phase", paramLabel = "pre|post", converter = PhaseConverter.class,
            description = "Run one boot phase (the sriovctl-pre/-post units): pre = VFs, switchdev, names (VFs unbound); post = LAG wait, VF binding, doctor.")
    BootPhase bootPhase;

    @Option(names = {"-y", "--yes"}, description = "Do not show the plan and ask first (on a terminal it asks).")
    boolean yes;

    @Option(names = "--sriovctl-path", paramLabel = "PATH",
            description = "The sriovctl command the boot units and the guard's timer run (default: /usr/bin/sriovctl).")
    String sriovctlPath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HostSelection selection = hostOptions.selection();
        if (selection.kind() == HostSelection.Kind.SNAPSHOT) {
            throw new InputException(SourceLocation.of(selection.path().toString()), "a captured snapshot is read-only: apply cannot change it",
                    "'sriovctl plan --snapshot " + selection.path() + " -f SPEC' shows what apply would do; use --sim DIR for a simulated host");
        }
        boolean data = output.format() != OutputFormat.TABLE;
        PrintWriter progressOut = data ? err : out;
        Progress waits = TerminalProgress.forCommand(output.format(), out); // drawn only for a table on a terminal
        ApplyProgress progress = new ApplyProgress() {
            @Override
            public void line(String text) {
                progressOut.println(text);
                progressOut.flush();
            }

            @Override
            public Progress waits() {
                return waits;
            }
        };
        ApplyResult result;
        try (HostSelection.OpenHost open = selection.open()) {
            if (confirm) {
                result = HostApply.confirm(open.host(), Clock.systemUTC());
            } else if (rollback != null) {
                result = HostApply.rollback(open.host(), rollback, progress, Clock.systemUTC());
            } else {
                if (file == null) {
                    throw new InputException(SourceLocation.of("-f"), "apply needs the spec", "sriovctl apply -f spec.yaml (or --confirm, --rollback)");
                }
                List<ConnectivityProbe> parsed = probes.stream().map(ConnectivityProbe::parse).toList();
                ApplyOptions options = new ApplyOptions(allowDisruption, confirmWithin, parsed, noGuard, bootPhase, sriovctlPath);
                HostApply.Prepared prepared = HostApply.prepare(open.host(), () -> SpecLoader.read(file), file.toString(), options,
                        progress, Clock.systemUTC());
                prepared.hostPlan().warnings().forEach(w -> err.println(w.render()));
                if (!ask(prepared, out)) {
                    out.println("not applied; nothing was changed.");
                    out.flush();
                    return ExitCode.FAILED;
                }
                result = HostApply.execute(prepared, progress, terminalConfirmation());
            }
        }
        if (data) Printer.print(out, output.format(), result);
        else out.print(ApplyText.render(result));
        out.flush();
        err.flush();
        return result.exitCode();
    }

    /** Without --yes on a terminal: shows the plan and asks. Elsewhere (scripts, boot units) it goes ahead. */
    private boolean ask(HostApply.Prepared p, PrintWriter out) {
        Console console = System.console();
        if (yes || console == null || bootPhase != null || p.steps().isEmpty() || !p.hostPlan().plan().blockers().isEmpty()) return true;
        out.print(PlanText.render(p.hostPlan().plan(), file.toString(), p.hostPlan()::locate));
        out.flush();
        String answer = console.readLine("apply these %d changes to %s? [y/N] ", p.steps().size(), p.host().description());
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /** On a terminal, Enter confirms during the guard's wait (like netplan try). */
    private static BooleanSupplier terminalConfirmation() {
        if (System.console() == null) return null;
        return () -> {
            try {
                if (System.in.available() <= 0) return false;
                while (System.in.available() > 0) System.in.read();
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }

    static final class PhaseConverter implements picocli.CommandLine.ITypeConverter<BootPhase> {
        @Override
        public BootPhase convert(String value) {
            return switch (value) {
                case "pre" -> BootPhase.PRE;
                case "post" -> BootPhase.POST;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a boot phase (valid: pre, post)");
            };
        }
    }
}
