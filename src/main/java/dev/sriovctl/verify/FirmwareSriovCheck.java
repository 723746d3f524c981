package dev.sriovctl.verify;

import dev.sriovctl.observe.FirmwareConfig;
import dev.sriovctl.observe.Pf;

import java.util.ArrayList;
import java.util.List;

/** firmware-sriov: the ConnectX firmware has SR-IOV on with enough VFs (mstconfig, when recorded). */
final class FirmwareSriovCheck extends DescribedCheck {

    FirmwareSriovCheck() {
        super("firmware-sriov", CheckArea.SRIOV,
                "mstconfig shows SRIOV_EN True and NUM_OF_VFS >= the VFs wanted, current and next boot alike, and Ethernet link type",
                "mstconfig -e -d <pf> query (mstflint)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        return eachPf(ctx, pf -> judge(ctx, pf));
    }

    private CheckResult judge(DoctorContext ctx, Pf pf) {
        String subject = DoctorContext.subject(pf);
        Observed<List<FirmwareConfig>> q = ctx.firmware(pf.pci());
        if (!q.present()) {
            return skip(subject, q.missing() + "; install mstflint to let doctor read the firmware settings");
        }
        FirmwareConfig fw = q.value().stream().filter(f -> !f.params().isEmpty()).findFirst().orElse(null);
        if (fw == null || fw.param("SRIOV_EN").isEmpty()) {
            return skip(subject, q.origin() + " shows no SRIOV_EN parameter");
        }
        FirmwareConfig.Param en = fw.param("SRIOV_EN").get();
        FirmwareConfig.Param num = fw.param("NUM_OF_VFS").orElse(null);
        int want = ctx.expectationFor(pf).map(Expectations.PfExpectation::vfs)
                .orElse(pf.numVfs() == null ? 0 : pf.numVfs());
        String seen = "SRIOV_EN " + values(en) + (num == null ? "" : ", NUM_OF_VFS " + values(num)) + " (" + q.origin() + ")";
        String fix = CheckResult.fix("sriovctl plan -f spec.yaml shows the firmware step (it needs a reboot)",
                "mstconfig -d " + pf.pci() + " set SRIOV_EN=1 NUM_OF_VFS=" + Math.max(want, 8) + ", then power-cycle the host");
        List<String> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(FirmwareConfig.bool(en.effective()))) problems.add("SR-IOV is off in the firmware");
        Integer n = num == null ? null : FirmwareConfig.number(num.effective());
        if (n != null && n < want) problems.add("NUM_OF_VFS " + n + " is below the " + want + " VFs wanted");
        for (String port : List.of("LINK_TYPE_P1", "LINK_TYPE_P2")) {
            fw.param(port).filter(p -> p.effective() != null && p.effective().startsWith("IB"))
                    .ifPresent(p -> problems.add(port + " is " + p.effective() + " (InfiniBand): Ethernet VFs need ETH(2)"));
        }
        if (!problems.isEmpty()) {
            return fail(subject, String.join("; ", problems) + ": " + seen, fix);
        } else if (pending(en) || (num != null && pending(num))) {
            return warn(subject, "a firmware change waits for a reboot (current differs from next boot): " + seen,
                    "power-cycle the host when its VMs can stop; sriovctl never reboots by itself");
        } else {
            return pass(subject, seen);
        }
    }

    private static boolean pending(FirmwareConfig.Param p) {
        return p.current() != null && p.nextBoot() != null && !p.current().equals(p.nextBoot());
    }

    private static String values(FirmwareConfig.Param p) {
        if (p.current() == null) return p.nextBoot() + " (next boot)";
        return p.current().equals(p.nextBoot()) ? p.current() : p.current() + " now, " + p.nextBoot() + " at next boot";
    }
}
