package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.SysfsLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * bond-offloadable: the uplink bond can be offloaded. An OVS balance-tcp bond hashes with dp_hash and
 * recirculation ("bond may use recirculation: yes"), which TC cannot offload (lib/dpif-offload-tc-netdev.c
 * rejects dp_hash), so VF-to-uplink traffic stays in software. A Linux bond of the PFs (VF-LAG) can be
 * offloaded in active-backup, 802.3ad or balance-xor mode only (lag.c: TX type ACTIVEBACKUP or HASH).
 */
final class BondOffloadableCheck extends DescribedCheck {

    static final Set<String> LAG_MODES = Set.of("active-backup", "802.3ad", "balance-xor");

    BondOffloadableCheck() {
        super("bond-offloadable", CheckArea.BOND,
                "the uplink bond can be offloaded: no OVS balance-tcp (dp_hash + recirculation); a Linux VF-LAG bond in active-backup, 802.3ad or balance-xor",
                "ovs-appctl bond/show, ovs-vsctl list Port, /sys/class/net/<bond>/bonding/mode");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Bond> bonds = ctx.uplinkBonds();
        if (bonds.isEmpty()) return List.of(skip("host", "no bond has a judged PF as member"));
        List<CheckResult> out = new ArrayList<>();
        for (Bond b : bonds) {
            String subject = "bond " + b.name();
            if (b.kind().equals("ovs")) {
                String origin = ctx.host().originOf(b.mayUseRecirculation() != null ? CommandCatalog.ovsBondShow() : CommandCatalog.ovsList("Port"));
                String seen = "bond_mode: " + b.mode() + (b.mayUseRecirculation() == null ? ""
                        : ", bond may use recirculation: " + (b.mayUseRecirculation() ? "yes" : "no")) + " (" + origin + ")";
                if ("balance-tcp".equals(b.mode()) || Boolean.TRUE.equals(b.mayUseRecirculation())) {
                    out.add(warn(subject, seen + ": OVS picks the member by dp_hash and recirculation, which TC cannot offload, "
                                    + "so traffic from VFs to the uplink stays in software",
                            CheckResult.fix("sriovctl apply -f spec.yaml with bond type vf-lag (a Linux 802.3ad bond of the two PFs as the bridge port: the NIC balances in hardware)",
                                    "bond_mode=balance-slb or active-backup in the bond's ovs_options (no recirculation, but VF traffic still leaves through its own PF's port, see vf-bond-protection)")));
                } else {
                    out.add(pass(subject, seen));
                }
            } else {
                String origin = ctx.host().originOfFile(SysfsLayout.netdev(b.name()) + "/bonding/mode");
                if (b.mode() == null) {
                    out.add(skip(subject, origin + " is not readable"));
                } else if (LAG_MODES.contains(b.mode())) {
                    out.add(pass(subject, "Linux bond mode " + b.mode() + " (" + origin + "): the NIC's LAG can offload it"));
                } else {
                    out.add(fail(subject, "Linux bond mode " + b.mode() + " (" + origin + "): mlx5 offloads only active-backup, 802.3ad and balance-xor "
                                    + "(\"Can't activate LAG offload, TX type isn't supported\")",
                            CheckResult.fix("sriovctl apply -f spec.yaml", "bond-mode 802.3ad in the " + b.name() + " stanza, then ifreload -a")));
                }
            }
        }
        return out;
    }
}
