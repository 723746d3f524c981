package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.IfaceStanza;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * lacp-fallback-placement: lacp-fallback-ab is set on the bond port, not on the Open_vSwitch table. OVS reads
 * it only from a Port's other_config (vswitch.xml); the guide sets it on the Open_vSwitch table, where it does
 * nothing. Set by hand on the port, ifupdown2 clears it at the next ifreload -a (it clears the port's
 * other_config and re-applies only ovs_options).
 */
final class LacpFallbackPlacementCheck extends DescribedCheck {

    static final String KEY = "lacp-fallback-ab";

    LacpFallbackPlacementCheck() {
        super("lacp-fallback-placement", CheckArea.BOND,
                "lacp-fallback-ab is set on the bond port (in its ovs_options), not on the Open_vSwitch table",
                "ovs-vsctl list Open_vSwitch/Port, ovs-appctl bond/show, /etc/network/interfaces(.d)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(OvsRunningCheck.SUBJECT, why));
        List<CheckResult> out = new ArrayList<>();
        String tableValue = ctx.inventory().ovs().otherConfig().get(KEY);
        List<Bond> lacpBonds = ctx.inventory().bonds().stream()
                .filter(b -> b.kind().equals("ovs") && !"off".equals(b.lacp())).toList();
        String bondName = lacpBonds.isEmpty() ? "<bond>" : lacpBonds.get(0).name();
        if (tableValue != null) {
            out.add(fail(OvsRunningCheck.SUBJECT, "other_config:" + KEY + "=" + tableValue + " is on the Open_vSwitch table ("
                            + ctx.host().originOf(CommandCatalog.ovsList("Open_vSwitch")) + "), where Open vSwitch never reads it: it is a Port key",
                    CheckResult.fix("sriovctl apply -f spec.yaml (puts it in the bond's ovs_options)",
                            "ovs-vsctl remove Open_vSwitch . other_config " + KEY + "; in the '" + bondName
                                    + "' stanza add other_config:" + KEY + "=true to ovs_options, then ifreload -a")));
        }
        Boolean wanted = ctx.expectations().map(Expectations::ovs).map(Expectations.OvsExpectation::lacpFallbackAb).orElse(null);
        Optional<List<IfaceStanza>> ifaces = Optional.ofNullable(ctx.interfaces().value());
        for (Bond b : lacpBonds) {
            OvsPort port = port(ctx, b.name());
            boolean onPort = port != null && "true".equals(port.otherConfig().get(KEY)) || Boolean.TRUE.equals(b.lacpFallbackAb());
            Optional<IfaceStanza> stanza = ifaces.flatMap(l -> l.stream().filter(s -> s.name().equals(b.name())).findFirst());
            boolean inFile = stanza.flatMap(s -> s.option("ovs_options")).map(o -> o.contains(KEY + "=true")).orElse(false);
            String subject = "bond " + b.name();
            if (onPort && stanza.isPresent() && !inFile) {
                out.add(warn(subject, KEY + "=true is on port " + b.name() + " but not in its ovs_options (" + stanza.get().location()
                                + "): ifupdown2 clears the port's other_config at the next ifreload -a",
                        CheckResult.fix("sriovctl apply -f spec.yaml", "add other_config:" + KEY + "=true to ovs_options in " + stanza.get().location())));
            } else if (onPort) {
                out.add(pass(subject, KEY + "=true on the bond port" + (inFile ? " and in its ovs_options (" + stanza.get().location() + ")" : "")
                        + " (" + ctx.host().originOf(CommandCatalog.ovsList("Port")) + ")"));
            } else if (Boolean.TRUE.equals(wanted)) {
                out.add(fail(subject, KEY + " is not set on bond " + b.name() + "; " + ctx.specName() + " wants it",
                        CheckResult.fix("sriovctl apply -f spec.yaml", "add other_config:" + KEY + "=true to the bond's ovs_options and ifreload -a")));
            } else if (tableValue == null) {
                out.add(pass(subject, "lacp_fallback_ab is false on bond " + b.name() + " and not set anywhere else (no misplaced key)"));
            }
        }
        if (out.isEmpty()) return List.of(pass(OvsRunningCheck.SUBJECT, "no OVS bond with LACP, and " + KEY + " is not on the Open_vSwitch table"));
        return out;
    }

    static OvsPort port(DoctorContext ctx, String name) {
        for (OvsBridge br : ctx.inventory().ovs().bridges()) {
            Optional<OvsPort> p = br.port(name);
            if (p.isPresent()) return p.get();
        }
        return null;
    }
}
