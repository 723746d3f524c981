package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;
import dev.sriovctl.pve.HostPci;
import dev.sriovctl.pve.MapEntry;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.pve.VmUse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * vfs-in-use: no VF count or e-switch mode change is pending on a PF whose VFs a running VM holds. Changing
 * either destroys every VF of the PF, including those under a running VM. Without Proxmox facts a VF bound to
 * vfio-pci stands for "held by a VM" (as the planner assumes); with them the VMs are named, and VFs on vfio-pci
 * that no running VM holds only warn.
 */
final class VfsInUseCheck extends DescribedCheck {

    private static final Set<String> LIVE = Set.of("running", "starting");

    VfsInUseCheck() {
        super("vfs-in-use", CheckArea.SRIOV,
                "no VF count or e-switch mode change is pending on a PF whose VFs a running VM holds (bound to vfio-pci)",
                "/sys/bus/pci/devices/<vf>/driver, sriov_numvfs, devlink eswitch mode, the spec, "
                        + "Proxmox VM configs and /run/qemu-server/pci-id-reservations (or the PVE API)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Pf> pfs = ctx.judgedPfs();
        if (pfs.isEmpty()) return List.of(DoctorContext.noPf(this, ctx));
        Observed<PveFacts> pve = ctx.proxmox();
        PveFacts facts = pve.present() ? pve.value() : null;
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : pfs) {
            String subject = DoctorContext.subject(pf);
            List<Vf> held = pf.vfs().stream().filter(v -> "vfio-pci".equals(v.driver())
                    || facts != null && facts.heldBy().containsKey(v.pci())).toList();
            List<String> pending = pending(ctx, pf);
            String heldText = held.isEmpty() ? "no VF is bound to vfio-pci" : held.size() + " VF(s) bound to vfio-pci: "
                    + held.stream().map(v -> v.pci() + users(facts, v.pci())).collect(Collectors.joining(", "));
            if (pending.isEmpty()) {
                out.add(pass(subject, (ctx.expectations().isEmpty() ? "no change pending (no spec given)" : "no change pending against " + ctx.specName())
                        + "; " + heldText));
            } else if (held.isEmpty()) {
                out.add(pass(subject, String.join(", ", pending) + " pending, and " + heldText));
            } else if (facts != null && facts.state().known() && held.stream().noneMatch(v -> live(facts, v.pci()))) {
                out.add(warn(subject, String.join(", ", pending) + " pending; " + heldText + ", but no running VM holds them ("
                                + facts.state().how() + "; " + facts.source() + ")",
                        CheckResult.fix("sriovctl apply -f spec.yaml --allow-disruption (apply refuses while VFs are on vfio-pci)",
                                "make sure no VM starts meanwhile, then change the PF")));
            } else {
                out.add(fail(subject, String.join(", ", pending) + " pending, but " + heldText
                                + ": the change destroys every VF of the PF, including those under a VM"
                                + (facts == null ? " (" + pve.missing() + ")" : " (" + facts.state().how() + "; " + facts.source() + ")"),
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

    /** Whether a VM holds the VF now (a reservation), or a running (or unknown) VM's hostpci may take it. */
    private static boolean live(PveFacts facts, String pci) {
        if (facts.heldBy().containsKey(pci)) return true;
        return claims(facts, pci).stream().anyMatch(c -> c.vm().vm().status() == null || LIVE.contains(c.vm().vm().status()));
    }

    /** " (VM 101 (db1) holds it now, running; VM 102 (web) hostpci0 mapping=network, stopped)", or "" when no VM names it. */
    private static String users(PveFacts facts, String pci) {
        if (facts == null) return "";
        List<String> u = new ArrayList<>();
        Integer holder = facts.heldBy().get(pci);
        if (holder != null) {
            String status = facts.vm(holder).map(v -> v.vm().status()).orElse(null);
            u.add(facts.vm(holder).map(VmUse::label).orElse("VM " + holder) + " holds it now" + (status == null ? "" : ", " + status));
        }
        for (Claim c : claims(facts, pci)) {
            String status = c.vm().vm().status() == null ? "state unknown" : c.vm().vm().status();
            u.add(c.vm().label() + " hostpci" + c.slot().index() + (c.slot().mapping() == null ? "" : " mapping=" + c.slot().mapping()) + ", " + status);
        }
        return u.isEmpty() ? "" : " (" + String.join("; ", u) + ")";
    }

    private record Claim(VmUse vm, HostPci slot) {
    }

    /**
     * The hostpci slots of this node's VMs that can take the VF: a raw address, or a mapping with an entry for
     * it. A VM holding reservations already took its devices, so it claims only those (named by "holds it now").
     */
    private static List<Claim> claims(PveFacts facts, String pci) {
        List<Claim> out = new ArrayList<>();
        for (VmUse u : facts.vms()) {
            if (!u.consumes() || facts.heldBy().containsValue(u.vm().vmid())) continue;
            for (HostPci h : u.config().hostpci()) {
                boolean mapped = h.mapping() != null && facts.mappings().stream().filter(m -> m.id().equals(h.mapping()))
                        .flatMap(m -> m.entriesFor(facts.node()).stream()).map(MapEntry::paths).anyMatch(p -> p.contains(pci));
                if (h.covers(pci) || mapped) out.add(new Claim(u, h));
            }
        }
        return out;
    }
}
