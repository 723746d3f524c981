package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * vfs-in-use: no VF count or e-switch mode change is pending on a PF whose VFs a VM holds. Changing either
 * destroys every VF of the PF, including those under a running VM.
 */
final class VfsInUseCheck extends DescribedCheck {

    VfsInUseCheck() {
        super("vfs-in-use", CheckArea.SRIOV,
                "no VF count or e-switch mode change is pending on a PF whose VFs are bound to vfio-pci for a VM",
                "/sys/bus/pci/devices/<vf>/driver, sriov_numvfs, devlink eswitch mode, the spec, Proxmox VM configs (when given)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Pf> pfs = ctx.judgedPfs();
        if (pfs.isEmpty()) return List.of(DoctorContext.noPf(this, ctx));
        List<ProxmoxAssignments.Claim> claims = ctx.proxmox().map(ProxmoxAssignments::claims).orElse(List.of());
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : pfs) {
            String subject = DoctorContext.subject(pf);
            List<Vf> held = pf.vfs().stream().filter(v -> "vfio-pci".equals(v.driver())).toList();
            List<String> pending = pending(ctx, pf);
            String heldText = held.isEmpty() ? "no VF is bound to vfio-pci" : held.size() + " VF(s) bound to vfio-pci: "
                    + held.stream().map(v -> v.pci() + users(claims, v)).collect(Collectors.joining(", "));
            if (pending.isEmpty()) {
                out.add(pass(subject, (ctx.expectations().isEmpty() ? "no change pending (no spec given)" : "no change pending against " + ctx.specName())
                        + "; " + heldText));
            } else if (held.isEmpty()) {
                out.add(pass(subject, String.join(", ", pending) + " pending, and " + heldText));
            } else {
                out.add(fail(subject, String.join(", ", pending) + " pending, but " + heldText
                                + ": the change destroys every VF of the PF, including those under a VM",
                        CheckResult.fix(null, "shut down or migrate the VMs holding these VFs (qm shutdown <vmid>), then sriovctl apply -f spec.yaml; "
                                + "sriovctl apply refuses to change a PF whose VFs are in use")));
            }
        }
        return out;
    }

    private static List<String> pending(DoctorContext ctx, Pf pf) {
        List<String> p = new ArrayList<>();
        ctx.expectationFor(pf).ifPresent(e -> {
            if (e.vfs() != null && !e.vfs().equals(pf.numVfs())) p.add("VF count " + pf.numVfs() + " -> " + e.vfs());
            if (e.eswitch() != null && e.eswitch() != EswitchMode.UNKNOWN && e.eswitch() != pf.eswitchMode()) {
                p.add("e-switch " + pf.eswitchMode() + " -> " + e.eswitch());
            }
        });
        return p;
    }

    private static String users(List<ProxmoxAssignments.Claim> claims, Vf vf) {
        String u = claims.stream().filter(c -> c.devices().contains(vf.pci())).map(ProxmoxAssignments.Claim::describe).collect(Collectors.joining("; "));
        return u.isEmpty() ? "" : " (" + u + ")";
    }
}
