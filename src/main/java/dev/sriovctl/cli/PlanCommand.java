package dev.sriovctl.cli;

import dev.sriovctl.plan.HostPlanner;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.PlanReport;
import dev.sriovctl.plan.PlanText;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sriovctl plan}: the ordered steps and file diffs that bring a host to a spec. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what 'apply' would change to bring the host to the spec: ordered steps with their reasons, "
                + "the commands they run and how each is checked, and a diff of every file. Changes nothing.",
                "A host that already matches the spec shows '0 changes'. JSON shape: docs/plan.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan can be applied (or there is nothing to do)",
                "1:apply would refuse the plan (blockers listed)",
                "2:the spec is invalid for this host (every problem listed); bad usage",
                "3:host error: reading the host failed"})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC.yaml", description = "The spec (docs/spec.md).")
    Path file;

    @Option(names = "--allow-disruption",
            description = "Plan VF count or e-switch mode changes even while VFs are bound to vfio-pci (VMs lose them).")
    boolean allowDisruption;

    @Option(names = "--confirm-within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The connectivity guard apply will use (e.g. 120s); without it, changing the bridge that carries a management address is warned about.")
    Duration confirmWithin;

    @Option(names = "--sriovctl-path", paramLabel = "PATH",
            description = "The sriovctl command the boot units run (default: /usr/bin/sriovctl).")
    String sriovctlPath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpecLoader.Loaded loaded = SpecLoader.read(file);
        HostPlanner.HostPlan hp;
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            hp = HostPlanner.plan(open.host(), loaded, new PlanOptions(allowDisruption, confirmWithin, sriovctlPath));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (SpecProblem w : hp.warnings()) err.println(w.render());
        switch (output.format()) {
            case JSON, YAML -> {
                List<PlanReport.FindingView> extra = new ArrayList<>();
                for (SpecProblem w : hp.warnings()) {
                    extra.add(new PlanReport.FindingView(w.severity().toString(), w.path(), w.message(), w.hint(), w.location().toString()));
                }
                Printer.print(out, output.format(), PlanReport.of(hp.plan(), file.toString(), hp::locate).withFindings(extra));
            }
            default -> out.print(PlanText.render(hp.plan(), file.toString(), hp::locate));
        }
        for (String w : hp.inventory().warnings()) err.println("warning: " + w);
        out.flush();
        err.flush();
        return hp.plan().blockers().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
