package dev.sriovctl.verify;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogSignature;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * vf-lag-active: with a Linux bond of the PFs (vf-lag) the NIC's hardware LAG is active, in switchdev type,
 * with a shared FDB. mlx5 creates it only when the bond holds exactly its two PFs, in a supported mode, with
 * both PFs in switchdev and no VF bound to a driver (lag.c). On Debian/Proxmox the VFs are bound by
 * mlx5_core as soon as they exist and ifupdown2 brings the bond up later, so the driver refuses with
 * "Failed to activate VF LAG"; Ubuntu's netplan waits for lag/state=active before binding VFs (netplan
 * 739ce1d6, LP #1988018) and os-net-config does the same.
 */
final class VfLagActiveCheck extends DescribedCheck {

    static final String WHY_FAILED = "mlx5 creates the hardware LAG only while no VF is bound to a driver; on Debian/Proxmox "
            + "mlx5_core binds the VFs as soon as they are created and ifupdown2 brings the bond up afterwards, so the LAG is refused "
            + "(Ubuntu's netplan waits for lag/state=active before binding VFs, LP #1988018; ifupdown2 has no such step)";

    VfLagActiveCheck() {
        super("vf-lag-active", CheckArea.BOND,
                "with a vf-lag bond the hardware LAG is active: debugfs lag/state active, type switchdev, shared_fdb on, and no \"Failed to activate VF LAG\"",
                "/sys/kernel/debug/mlx5/<pf>/lag/{state,type,flags}, /sys/class/net/<bond>/bonding, dmesg, journalctl -b");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Bond> lagBonds = ctx.uplinkBonds().stream().filter(b -> b.kind().equals("linux")).toList();
        boolean specVfLag = ctx.expectations().flatMap(Expectations::bond).map(b -> b.type() == Expectations.BondType.VF_LAG).orElse(false);
        if (lagBonds.isEmpty()) {
            if (specVfLag) {
                return List.of(fail("host", ctx.specName() + " wants a vf-lag bond, but no Linux bond has the PFs as members"
                        + (ctx.uplinkBonds().isEmpty() ? "" : " (" + ctx.uplinkBonds().get(0).name() + " is an OVS bond, which can never activate VF-LAG: "
                                + dev.sriovctl.spec.VfLagRule.LINUX_BOND.cite() + ")"),
                        CheckResult.fix("sriovctl apply -f spec.yaml", "create a Linux bond of both PFs (bond-slaves PF0 PF1, bond-mode 802.3ad) and make it the bridge's port")));
            }
            return List.of(skip("host", "not in vf-lag mode: no Linux bond has the PFs as members"
                    + (ctx.uplinkBonds().isEmpty() ? "" : " (" + ctx.uplinkBonds().get(0).name() + " is an OVS bond: it cannot activate VF-LAG)")));
        }
        List<CheckResult> out = new ArrayList<>();
        for (Bond b : lagBonds) out.add(judge(ctx, b));
        return out;
    }

    private CheckResult judge(DoctorContext ctx, Bond b) {
        String subject = "bond " + b.name();
        List<Pf> pfs = b.members().stream().map(BondMember::name).map(ctx::pfByNetdev).flatMap(Optional::stream).toList();
        Nic nic = pfs.isEmpty() ? null : ctx.inventory().nicOf(pfs.get(0)).orElse(null);
        String fix = fix(ctx, b, pfs);
        if (nic == null) return skip(subject, "the bond's members are no judged PF");
        if (nic.pfs().size() != 2 || pfs.size() != 2 || b.members().size() != 2) {
            return fail(subject, b.name() + " has members " + b.members().stream().map(BondMember::name).collect(Collectors.joining(", "))
                    + ": mlx5 activates VF-LAG only when both PFs of the NIC, and only them, are in one bond", fix);
        }
        String logEvidence = logEvidence(ctx, nic);
        Lag lag = nic.lag();
        if (lag != null && lag.state() != null) {
            String seen = "lag/state " + lag.state() + ", type " + lag.type() + ", shared_fdb " + (lag.sharedFdb() == null ? "unknown" : lag.sharedFdb() ? "on" : "off")
                    + " (" + lag.source() + ")";
            if (!"active".equals(lag.state())) return fail(subject, seen + logEvidence + ". " + WHY_FAILED, fix);
            if (lag.type() != null && !"switchdev".equals(lag.type())) {
                return fail(subject, seen + ": the LAG is not of type switchdev, so VF traffic is not bonded (both PFs must be in switchdev before the bond)", fix);
            }
            if (Boolean.FALSE.equals(lag.sharedFdb())) {
                return warn(subject, seen + ": the LAG is active without a shared FDB; VFs cannot fail over to the other port"
                        + " (needs both PFs in switchdev with esw_port_metadata on, and firmware support)", fix);
            }
            return pass(subject, seen + successLines(ctx, nic));
        }
        String debugfs = ctx.host().originOfFile(SysfsLayout.MLX5_DEBUGFS + "/" + nic.pfs().get(0).pci() + "/lag/state") + " is not readable";
        Optional<KernelLogSignature.Match> last = lastLagEvent(ctx, nic);
        if (last.isEmpty()) {
            return skip(subject, debugfs + " (mount debugfs: mount -t debugfs none /sys/kernel/debug) and the kernel log has no LAG line for "
                    + nic.id() + (ctx.kernelLog().present() ? "" : " (" + ctx.kernelLog().missing() + ")"));
        }
        if (last.get().signature().severity() == KernelLogSignature.Severity.ERROR) {
            return fail(subject, debugfs + "; last LAG message: \"" + last.get().line().quote() + "\"" + logEvidence + ". " + WHY_FAILED, fix);
        }
        return pass(subject, debugfs + ", judged from the kernel log: \"" + last.get().line().quote() + "\"");
    }

    private static Optional<KernelLogSignature.Match> lastLagEvent(DoctorContext ctx, Nic nic) {
        Observed<List<KernelLogLine>> log = ctx.kernelLog();
        if (!log.present()) return Optional.empty();
        return KernelLogSignature.find(log.value(), KernelLogSignature.Area.LAG).stream()
                .filter(m -> m.line().device() != null && nic.pfs().stream().anyMatch(p -> p.pci().equals(m.line().device())))
                .reduce((a, b) -> b);
    }

    private static String logEvidence(DoctorContext ctx, Nic nic) {
        List<String> lines = new ArrayList<>();
        for (Observed<List<KernelLogLine>> log : List.of(ctx.kernelLog(), ctx.bootJournal())) {
            if (!log.present()) continue;
            for (KernelLogSignature.Match m : KernelLogSignature.find(log.value(), KernelLogSignature.Area.LAG)) {
                if (m.signature().severity() != KernelLogSignature.Severity.ERROR) continue;
                if (m.line().device() != null && nic.pfs().stream().noneMatch(p -> p.pci().equals(m.line().device()))) continue;
                String q = "\"" + m.line().quote() + "\" (" + log.origin() + "): " + m.signature().meaning() + "; fix: " + m.signature().fix();
                if (!lines.contains(q)) lines.add(q);
            }
        }
        return lines.isEmpty() ? "" : "; " + String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** The driver's own confirmation, when the kernel log has it: the last "lag map" and single-FDB lines. */
    private static String successLines(DoctorContext ctx, Nic nic) {
        Observed<List<KernelLogLine>> log = ctx.kernelLog();
        if (!log.present()) return "";
        List<String> out = new ArrayList<>();
        for (KernelLogSignature sig : List.of(KernelLogSignature.LAG_MAP, KernelLogSignature.LAG_SINGLE_FDB)) {
            KernelLogSignature.find(log.value(), KernelLogSignature.Area.LAG).stream()
                    .filter(m -> m.signature() == sig && m.line().device() != null && nic.pfs().stream().anyMatch(p -> p.pci().equals(m.line().device())))
                    .reduce((a, b) -> b).ifPresent(m -> out.add("\"" + m.line().quote() + "\""));
        }
        return out.isEmpty() ? "" : "; kernel log: " + String.join(", ", out);
    }

    private static String fix(DoctorContext ctx, Bond b, List<Pf> pfs) {
        String pf0 = pfs.isEmpty() ? "PF0" : pfs.get(0).netdev(), pf1 = pfs.size() < 2 ? "PF1" : pfs.get(1).netdev();
        String pci = pfs.isEmpty() ? "<pf>" : pfs.get(0).pci();
        return CheckResult.fix("sriovctl apply -f spec.yaml (its post-boot unit binds the VFs only after lag/state is active)",
                "unbind the VFs (echo <vf> > /sys/bus/pci/drivers/mlx5_core/unbind, or set sriov_drivers_autoprobe to 0 before creating them), "
                        + "then ip link set " + pf0 + " nomaster; ip link set " + pf1 + " nomaster; ip link set " + pf0 + " master " + b.name()
                        + "; ip link set " + pf1 + " master " + b.name() + "; wait until cat " + SysfsLayout.MLX5_DEBUGFS + "/" + pci
                        + "/lag/state says active; bind the VFs again");
    }
}
