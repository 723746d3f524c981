package dev.sriovctl.verify;

import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogSignature;

import java.util.ArrayList;
import java.util.List;

/** sriov-enable-errors: the kernel log shows no SR-IOV enable failure (MMIO, bus range, EBUSY). */
final class SriovEnableErrorsCheck extends DescribedCheck {

    SriovEnableErrorsCheck() {
        super("sriov-enable-errors", CheckArea.SRIOV,
                "the kernel log has no SR-IOV enable failure (MMIO resources, bus number range, VF count changed without going through 0)",
                "dmesg, journalctl -b (udev, networking)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Observed<List<KernelLogLine>> log = ctx.kernelLog();
        if (!log.present()) return List.of(skip("kernel log", log.missing()));
        List<CheckResult> out = new ArrayList<>();
        List<KernelLogSignature.Match> found = new ArrayList<>(KernelLogSignature.find(log.value(), KernelLogSignature.Area.SRIOV_ENABLE));
        for (KernelLogSignature.Match m : found) {
            if (m.signature().severity() != KernelLogSignature.Severity.ERROR) continue;
            out.add(fail(DoctorContext.deviceSubject(ctx, m.line()), DoctorContext.quote(m, log.origin()), m.signature().fix()));
        }
        Observed<List<KernelLogLine>> journal = ctx.bootJournal();
        if (journal.present()) {
            for (KernelLogSignature.Match m : KernelLogSignature.find(journal.value(), KernelLogSignature.Area.SRIOV_ENABLE)) {
                if (m.signature().severity() == KernelLogSignature.Severity.ERROR) {
                    out.add(fail(DoctorContext.deviceSubject(ctx, m.line()), DoctorContext.quote(m, journal.origin()), m.signature().fix()));
                }
            }
        }
        if (!out.isEmpty()) return out;
        String enabled = found.stream().filter(m -> m.signature() == KernelLogSignature.MLX5_ESWITCH_ENABLED)
                .reduce((a, b) -> b).map(m -> "; last enable: \"" + m.line().quote() + "\"").orElse("");
        return List.of(pass("kernel log", "no SR-IOV enable failure in " + log.value().size() + " messages of " + log.origin()
                + (journal.present() ? " and " + journal.origin() : "") + enabled));
    }
}
