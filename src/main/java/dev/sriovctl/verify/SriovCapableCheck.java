package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;

import java.util.List;

/** sriov-capable: each judged PF offers VFs ({@code sriov_totalvfs} > 0). */
final class SriovCapableCheck extends DescribedCheck {

    SriovCapableCheck() {
        super("sriov-capable", CheckArea.SRIOV,
                "each judged PF has sriov_totalvfs > 0 (absent or 0 on mlx5 means firmware SRIOV_EN is off or NUM_OF_VFS is 0)",
                "/sys/bus/pci/devices/<pf>/sriov_totalvfs");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        return eachPf(ctx, pf -> judge(ctx, pf));
    }

    private CheckResult judge(DoctorContext ctx, Pf pf) {
        String file = ctx.host().originOfFile(SysfsLayout.pciDevice(pf.pci()) + "/sriov_totalvfs");
        if (pf.totalVfs() != null && pf.totalVfs() > 0) {
            return pass(DoctorContext.subject(pf), "sriov_totalvfs = " + pf.totalVfs() + " (" + file + ")");
        } else {
            String seen = pf.totalVfs() == null ? file + " does not exist" : "sriov_totalvfs = 0 (" + file + ")";
            int want = ctx.expectationFor(pf).map(Expectations.PfExpectation::vfs).filter(v -> v != null && v > 0).orElse(8);
            return fail(DoctorContext.subject(pf), seen + ": the PF offers no VFs; on ConnectX this is firmware SRIOV_EN=False or NUM_OF_VFS=0",
                    CheckResult.fix("sriovctl plan -f spec.yaml shows the firmware step (it needs a reboot)",
                            "mstconfig -d " + pf.pci() + " set SRIOV_EN=1 NUM_OF_VFS=" + want
                                    + ", then power-cycle the host (also enable SR-IOV in the BIOS)"));
        }
    }
}
