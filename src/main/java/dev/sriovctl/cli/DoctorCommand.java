package dev.sriovctl.cli;

import dev.sriovctl.host.Host;
import dev.sriovctl.pve.PveApi;
import dev.sriovctl.pve.PveApiException;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import dev.sriovctl.spec.ValidSpec;
import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.DoctorReport;
import dev.sriovctl.verify.Expectations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC.yaml", description = "Judge the host against this spec too (docs/spec.md).")
    Path file;

    @Option(names = "--node", paramLabel = "NAME", description = "This host's Proxmox VE node name (default: its hostname up to the first dot).")
    String node;

    @Mixin
    PveOptions pve;

    @Option(names = "--no-color", description = "No colours in the table (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    @Spec
    CommandSpec spec;

    private SpecLoader.Loaded loaded;

    @Override
    public Integer call() {
        loaded = file == null ? null : SpecLoader.read(file);
        if (loaded != null) loaded.orThrow(); // a spec that does not parse is refused before the host is read
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

    /** The one place that builds doctor's input: the host, the spec (-f) and the Proxmox facts (API, else /etc/pve). */
    DoctorContext context(Host host) {
        DoctorContext ctx = DoctorContext.of(host).withPveNode(node);
        if (loaded != null) {
            ValidSpec valid = ValidSpec.of(loaded, ctx.inventory());
            for (SpecProblem w : valid.warnings()) spec.commandLine().getErr().println(w.render());
            ctx = ctx.withExpectations(Expectations.of(valid.target(), file.toString()));
        }
        if (pve.given()) {
            PveApi api = pve.open(host, System.getenv(), spec.commandLine().getErr());
            try {
                ctx = ctx.withProxmox(PveFacts.fromApi(api, node, host));
            } catch (PveApiException e) {
                throw PveOptions.failure(api, e);
            }
        }
        return ctx;
    }

    private boolean colour() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
