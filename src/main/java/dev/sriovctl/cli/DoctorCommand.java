package dev.sriovctl.cli;

import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sriovctl doctor}: every check of docs/checks.md, with evidence and the fix; exit 1 when one fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the host: IOMMU, SR-IOV, switchdev, representors, Open vSwitch offload, bonds, VF-LAG, offloaded flows, Proxmox mappings.",
                "Each result names its subject, the evidence it judged (and where it came from) and a fix to paste.",
                "Without a spec the host is judged as found; with -f it is judged against the spec too. Changes nothing.",
                "Proxmox data comes from /etc/pve on the host (root, no token), or from the PVE API when --api is given (docs/proxmox.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings do not fail)",
                "1:a check failed",
                "2:bad input: the spec is invalid for this host (every problem listed), an unreadable snapshot, a refused token",
                "3:host error: reading the host or the PVE API failed"})
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    DoctorOptions judge;

    @Mixin
    PveOptions pve;

    @Option(names = "--no-color", description = "No colours in the table (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        judge.readSpec();
        DoctorReport report;
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            report = Doctor.run(judge.context(open.host(), pve, spec.commandLine().getErr()));
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

    private boolean colour() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
