package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogSignature;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;

import java.util.List;
import java.util.stream.Collectors;

/** eswitch-switchdev: the PFs are in switchdev mode (as spec'd; as found: where VFs or a switchdev sibling need it). */
final class EswitchSwitchdevCheck extends DescribedCheck {

    EswitchSwitchdevCheck() {
        super("eswitch-switchdev", CheckArea.ESWITCH,
                "each judged PF is in switchdev mode (without a spec: every PF with VFs, and every PF of a NIC whose other PF is in switchdev)",
                "devlink -j dev eswitch show pci/<pf>, dmesg");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        return eachPf(ctx, pf -> judge(ctx, pf));
    }

    private CheckResult judge(DoctorContext ctx, Pf pf) {
        String subject = DoctorContext.subject(pf);
        String origin = ctx.host().originOf(CommandCatalog.devlinkEswitchShow(pf.pci()));
        EswitchMode wanted = ctx.expectationFor(pf).map(Expectations.PfExpectation::eswitch).orElse(null);
        boolean spec = wanted != null;
        if (!spec) wanted = needsSwitchdev(ctx, pf) ? EswitchMode.SWITCHDEV : null;
        if (pf.eswitchMode() == EswitchMode.UNKNOWN) {
            Observed<String> dl = ctx.output(CommandCatalog.devlinkEswitchShow(pf.pci()));
            return skip(subject, "e-switch mode unknown: " + (dl.present() ? origin + " did not name pci/" + pf.pci() : dl.missing()));
        }
        String seen = "mode " + pf.eswitchMode() + (pf.inlineMode() == null ? "" : ", inline-mode " + pf.inlineMode()) + " (" + origin + ")";
        if (wanted == null) {
            return pass(subject, seen + "; no VFs and no switchdev sibling: legacy is fine");
        } else if (pf.eswitchMode() == wanted) {
            return pass(subject, seen);
        } else {
            String why = spec ? ctx.specName() + " wants " + wanted : (pf.numVfs() != null && pf.numVfs() > 0
                    ? pf.numVfs() + " VFs in legacy mode: their traffic bypasses Open vSwitch and cannot be offloaded"
                    : "the other PF of this NIC is in switchdev; VF-LAG and the shared FDB need both PFs in the same mode");
            String evidence = seen + "; " + why + logLines(ctx, pf);
            String fix = CheckResult.fix("sriovctl apply -f spec.yaml",
                    "echo 0 > " + SysfsLayout.pciDevice(pf.pci()) + "/sriov_numvfs; devlink dev eswitch set pci/" + pf.pci()
                            + " mode " + wanted + "; then create the VFs again (switchdev before VFs is the order ConnectX-6 Lx firmware 26.42 needs)");
            return spec ? fail(subject, evidence, fix) : warn(subject, evidence, fix);
        }
    }

    private static boolean needsSwitchdev(DoctorContext ctx, Pf pf) {
        if (pf.numVfs() != null && pf.numVfs() > 0) return true;
        Nic nic = ctx.inventory().nicOf(pf).orElse(null);
        return nic != null && nic.pfs().stream().anyMatch(p -> p != pf && p.eswitchMode() == EswitchMode.SWITCHDEV);
    }

    private static String logLines(DoctorContext ctx, Pf pf) {
        Observed<List<KernelLogLine>> log = ctx.kernelLog();
        if (!log.present()) return "";
        String lines = KernelLogSignature.find(log.value(), KernelLogSignature.Area.ESWITCH).stream()
                .filter(m -> m.line().device() == null || m.line().device().equals(pf.pci()))
                .map(m -> "\"" + m.line().quote() + "\" (" + m.signature().meaning() + ")")
                .collect(Collectors.joining("; "));
        return lines.isEmpty() ? "" : "; kernel log (" + log.origin() + "): " + lines;
    }
}
