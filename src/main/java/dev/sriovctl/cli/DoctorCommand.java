package dev.sriovctl.cli;

import dev.sriovctl.host.Host;
import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sriovctl doctor}: every check of docs/checks.md, with evidence and the fix; exit 1 when one fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the host: IOMMU, SR-IOV, switchdev, representors, Open vSwitch offload, bonds, VF-LAG, offloaded flows.",
                "Each result names its subject, the evidence it judged (and where it came from) and a fix to paste.",
                "Without a spec the host is judged as found. Changes nothing. Exit 1 when a check fails (warnings do not fail)."})
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--no-color", description = "No colours in the table (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DoctorReport report;
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            report = Doctor.run(context(open.host()));
        }
        var out = spec.commandLine().getOut();
        switch (output.format()) {
            case JSON, YAML -> Printer.print(out, output.format(), report);
            default -> out.print(DoctorTable.render(report, colour()));
        }
        out.flush();
        if (report.failed()) throw new CommandFailure(ExitCode.FAILED);
        return ExitCode.OK;
    }

    /** The one place that builds doctor's input: a spec (-f) and Proxmox data are added here when wired. */
    DoctorContext context(Host host) {
        return DoctorContext.of(host);
    }

    private boolean colour() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
