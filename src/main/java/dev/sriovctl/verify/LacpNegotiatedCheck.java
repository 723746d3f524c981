package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.SysfsLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** lacp-negotiated: LACP is negotiated with a partner on every member of every LACP bond. */
final class LacpNegotiatedCheck extends DescribedCheck {

    static final String NO_PARTNER = "00:00:00:00:00:00";

    LacpNegotiatedCheck() {
        super("lacp-negotiated", CheckArea.BOND, "LACP is negotiated with a partner on every member (current, not defaulted or expired)",
                "ovs-appctl bond/show, ovs-appctl lacp/show, /sys/class/net/<bond>/bonding/ad_partner_mac");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<CheckResult> out = new ArrayList<>();
        for (Bond b : ctx.inventory().bonds()) {
            String subject = "bond " + b.name();
            String fix = CheckResult.fix(null, "configure an LACP (802.3ad) port-channel over both switch ports of " + b.name()
                    + " and check the cabling; ovs-appctl lacp/show " + b.name() + " shows the partner each member hears");
            if (b.kind().equals("ovs")) {
                String configured = LacpFallbackPlacementCheck.port(ctx, b.name()) == null ? null
                        : LacpFallbackPlacementCheck.port(ctx, b.name()).lacp();
                if (b.lacp() == null && configured != null && !configured.equals("off")) {
                    out.add(skip(subject, "lacp=" + configured + " on port " + b.name() + ", but its LACP state is unknown: "
                            + ctx.output(CommandCatalog.ovsLacpShow()).missing()));
                    continue;
                }
                if (b.lacp() == null || b.lacp().equals("off")) continue;
                String origin = ctx.host().originOf(CommandCatalog.ovsLacpShow());
                List<BondMember> bad = b.members().stream().filter(m -> m.lacp() != null && !m.lacp().equals("current")).toList();
                String states = b.members().stream().map(m -> m.name() + ": " + (m.lacp() == null ? "unknown" : m.lacp())).collect(Collectors.joining(", "));
                if (!b.lacp().equals("negotiated")) {
                    out.add(fail(subject, "lacp_status: " + b.lacp() + " (" + ctx.host().originOf(CommandCatalog.ovsBondShow()) + "): no LACP partner answers; " + states, fix));
                } else if (!bad.isEmpty()) {
                    out.add(fail(subject, "negotiated, but " + bad.stream().map(m -> m.name() + " is " + m.lacp()).collect(Collectors.joining(", "))
                            + " (" + origin + "): no LACPDU from the partner on " + (bad.size() == 1 ? "that member" : "those members"), fix));
                } else {
                    out.add(pass(subject, "lacp_status: negotiated; " + states + " (" + origin + ")"));
                }
            } else if ("802.3ad".equals(b.mode())) {
                String file = SysfsLayout.netdev(b.name()) + "/bonding/ad_partner_mac";
                String partner = ctx.attribute(file);
                if (partner == null) {
                    out.add(skip(subject, file + " is not on " + ctx.host().description()));
                } else if (partner.equals(NO_PARTNER)) {
                    out.add(fail(subject, "ad_partner_mac " + partner + " (" + ctx.host().originOfFile(file) + "): no LACP partner", fix));
                } else {
                    out.add(pass(subject, "ad_partner_mac " + partner + " (" + ctx.host().originOfFile(file) + ")"));
                }
            }
        }
        if (out.isEmpty()) return List.of(skip("host", "no bond runs LACP (OVS lacp off or no bond; no Linux 802.3ad bond)"));
        return out;
    }
}
