package dev.sriovctl.verify;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * vf-bond-protection: VFs survive the failure of their own port. Under a plain OVS bond each PF has its own
 * e-switch: offloaded traffic of a VF leaves only through its own PF's port, so when that port fails the VF
 * is cut off while the host (through the bond) keeps its network, as the guide's readers found. VF-LAG (a
 * Linux bond of both PFs that the NIC turns into a hardware LAG) is what protects VFs.
 */
final class VfBondProtectionCheck extends DescribedCheck {

    static final String FIX = CheckResult.fix("make the bond a vf-lag bond in the spec (bond type: vf-lag) and sriovctl apply -f spec.yaml",
            "replace the OVS bond by a Linux 802.3ad bond of both PFs (bond-slaves, bond-mode 802.3ad) and make that bond the OVS bridge's port");

    VfBondProtectionCheck() {
        super("vf-bond-protection", CheckArea.BOND,
                "VFs survive the failure of their own port: the PFs are in an active VF-LAG; under a plain OVS bond this warns (fails while a member with VFs is down)",
                "ovs-appctl bond/show, /sys/class/net/<bond>/bonding, /sys/kernel/debug/mlx5/<pf>/lag/state");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Bond> bonds = ctx.uplinkBonds();
        if (bonds.isEmpty()) return List.of(skip("host", "the PFs are in no bond: each VF depends on its own PF's port by design"));
        List<CheckResult> out = new ArrayList<>();
        for (Bond b : bonds) {
            String subject = "bond " + b.name();
            List<Pf> pfs = b.members().stream().map(BondMember::name).map(ctx::pfByNetdev).flatMap(Optional::stream).toList();
            List<Pf> withVfs = pfs.stream().filter(p -> !p.vfs().isEmpty()).toList();
            if (withVfs.isEmpty()) {
                out.add(pass(subject, "no VF exists on the bonded PFs (" + pfs.stream().map(DoctorContext::subject).collect(Collectors.joining(", ")) + ")"));
                continue;
            }
            String perPort = withVfs.stream().map(p -> "VFs " + vfList(p) + " leave only through " + p.netdev()
                    + (p.portName() == null ? "" : " (port " + p.portName() + ")")).collect(Collectors.joining("; "));
            if (b.kind().equals("linux")) {
                Nic nic = ctx.inventory().nicOf(pfs.get(0)).orElse(null);
                Lag lag = nic == null ? null : nic.lag();
                if (lag != null && "active".equals(lag.state())) {
                    out.add(pass(subject, "VF-LAG: " + b.name() + " is a Linux bond of the PFs and the hardware LAG is active (" + lag.source()
                            + "): VF traffic uses both ports"));
                } else {
                    out.add(warn(subject, b.name() + " is a Linux bond of the PFs, but the hardware LAG is "
                                    + (lag == null ? "not known (debugfs not readable)" : lag.state() + " (" + lag.source() + ")")
                                    + ": until it is active, " + perPort + " (see vf-lag-active)",
                            "see vf-lag-active"));
                }
                continue;
            }
            List<BondMember> down = b.members().stream().filter(m -> Boolean.FALSE.equals(m.enabled())).toList();
            List<Pf> cut = withVfs.stream().filter(p -> down.stream().anyMatch(m -> m.name().equals(p.netdev()))).toList();
            String base = b.name() + " is an Open vSwitch bond: each PF keeps its own e-switch, so offloaded VF traffic cannot move to the other port. "
                    + perPort + "; if that port fails, its VFs lose the network while the host keeps it through the bond";
            if (!cut.isEmpty()) {
                out.add(fail(subject, base + ". Now " + cut.stream().map(Pf::netdev).collect(Collectors.joining(", ")) + " is down: VFs "
                        + cut.stream().map(VfBondProtectionCheck::vfList).collect(Collectors.joining(", ")) + " are cut off", FIX));
            } else {
                out.add(warn(subject, base, FIX));
            }
        }
        return out;
    }

    private static String vfList(Pf pf) {
        return pf.vfs().stream().map(v -> v.representor() != null ? v.representor() : v.pci()).collect(Collectors.joining(", "));
    }
}
