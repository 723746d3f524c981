package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;

import java.util.List;

/** vf-count: sriov_numvfs is as spec'd (as found: every VF it announces exists). */
final class VfCountCheck extends DescribedCheck {

    VfCountCheck() {
        super("vf-count", CheckArea.SRIOV,
                "sriov_numvfs equals the spec (without a spec: each of the sriov_numvfs VFs exists as a virtfn link)",
                "/sys/bus/pci/devices/<pf>/sriov_numvfs, virtfn*");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        return eachPf(ctx, pf -> judge(ctx, pf));
    }

    private CheckResult judge(DoctorContext ctx, Pf pf) {
        String subject = DoctorContext.subject(pf);
        String file = ctx.host().originOfFile(SysfsLayout.pciDevice(pf.pci()) + "/sriov_numvfs");
        if (pf.numVfs() == null) {
            return skip(subject, file + " does not exist (no SR-IOV on this PF: see sriov-capable)");
        }
        Integer wanted = ctx.expectationFor(pf).map(Expectations.PfExpectation::vfs).orElse(null);
        String seen = "sriov_numvfs = " + pf.numVfs() + " (" + file + "), " + pf.vfs().size() + " virtfn link(s)";
        String setFix = CheckResult.fix("sriovctl apply -f spec.yaml",
                "echo 0 > " + SysfsLayout.pciDevice(pf.pci()) + "/sriov_numvfs; echo " + (wanted == null ? pf.numVfs() : wanted)
                        + " > " + SysfsLayout.pciDevice(pf.pci()) + "/sriov_numvfs (a count changes only through 0)");
        if (wanted != null && !wanted.equals(pf.numVfs())) {
            return fail(subject, seen + "; " + ctx.specName() + " wants " + wanted, setFix);
        } else if (pf.vfs().size() != pf.numVfs()) {
            return fail(subject, seen + ": VF creation did not finish", setFix);
        } else if (pf.totalVfs() != null && pf.numVfs() > pf.totalVfs()) {
            return fail(subject, seen + " above sriov_totalvfs " + pf.totalVfs(), setFix);
        } else {
            return pass(subject, seen + (wanted == null ? "" : ", as " + ctx.specName() + " wants"));
        }
    }
}
