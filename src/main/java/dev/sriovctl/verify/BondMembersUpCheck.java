package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.SysfsLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** bond-members-up: every member of every bond is enabled (OVS bond/show; a Linux bond member has carrier). */
final class BondMembersUpCheck extends DescribedCheck {

    BondMembersUpCheck() {
        super("bond-members-up", CheckArea.BOND, "every bond member is enabled",
                "ovs-appctl bond/show, /sys/class/net/<bond>/bonding/slaves, /sys/class/net/<member>/carrier");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<Bond> bonds = ctx.inventory().bonds();
        if (bonds.isEmpty()) {
            return List.of(skip("host", "no bond: " + (ctx.inventory().ovs().running() == Boolean.TRUE ? "OVS has no bond port" : "OVS not readable")
                    + " and no /sys/class/net/*/bonding/slaves"));
        }
        List<CheckResult> out = new ArrayList<>();
        for (Bond b : bonds) {
            String subject = "bond " + b.name();
            String origin = b.kind().equals("ovs") ? ctx.host().originOf(CommandCatalog.ovsBondShow())
                    : ctx.host().originOfFile(SysfsLayout.netdev(b.name()) + "/bonding/slaves") + " and */carrier";
            if (b.members().isEmpty()) {
                out.add(fail(subject, b.name() + " has no members (" + origin + ")",
                        CheckResult.fix("sriovctl apply -f spec.yaml", "check ovs_bonds / bond-slaves of " + b.name() + " in /etc/network/interfaces")));
                continue;
            }
            List<BondMember> down = b.members().stream().filter(m -> Boolean.FALSE.equals(m.enabled())).toList();
            List<BondMember> unknown = b.members().stream().filter(m -> m.enabled() == null).toList();
            String states = b.members().stream().map(m -> m.name() + ": " + (m.enabled() == null ? "unknown" : m.enabled() ? "enabled" : "disabled")
                    + (Boolean.TRUE.equals(m.active()) ? " (active)" : "")).collect(Collectors.joining(", "));
            if (!down.isEmpty()) {
                String names = down.stream().map(BondMember::name).collect(Collectors.joining(", "));
                out.add(fail(subject, states + " (" + origin + "): " + names + " carries no traffic; the bond runs on "
                                + (b.members().size() - down.size()) + " of " + b.members().size() + " links",
                        CheckResult.fix(null, "check the cable and the switch port of " + names + " (ip link show " + down.get(0).name()
                                + "; ethtool " + down.get(0).name() + "); ovs-appctl bond/show " + b.name())));
            } else if (unknown.size() == b.members().size()) {
                out.add(skip(subject, "member states unknown: " + (b.kind().equals("ovs") ? ctx.output(CommandCatalog.ovsBondShow()).missing()
                        : "no carrier files under " + ctx.host().originOfFile(SysfsLayout.CLASS_NET))));
            } else {
                out.add(pass(subject, states + " (" + origin + ")"));
            }
        }
        return out;
    }
}
