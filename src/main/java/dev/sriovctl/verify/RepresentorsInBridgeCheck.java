package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsState;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** representors-in-bridge: each representor is a port of its bridge (spec'd, or as found the bridge of its PF's uplink). */
final class RepresentorsInBridgeCheck extends DescribedCheck {

    RepresentorsInBridgeCheck() {
        super("representors-in-bridge", CheckArea.OVS,
                "each representor is a port of its spec'd bridge (without a spec: of the bridge that holds its PF's uplink)",
                "ovs-vsctl --format=json --data=json list Bridge/Port/Interface, /sys/class/net");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(OvsRunningCheck.SUBJECT, why));
        OvsState ovs = ctx.inventory().ovs();
        String origin = ctx.host().originOf(CommandCatalog.ovsList("Port"));
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : ctx.judgedPfs()) {
            List<Vf> reps = pf.vfs().stream().filter(v -> v.representor() != null).toList();
            if (pf.eswitchMode() != EswitchMode.SWITCHDEV || reps.isEmpty()) continue;
            List<String> ok = new ArrayList<>();
            for (Vf vf : reps) {
                String rep = vf.representor();
                Optional<String> spec = specBridge(ctx, rep);
                String wanted = spec.orElseGet(() -> uplinkBridge(ctx, pf));
                Optional<OvsBridge> in = ovs.bridgeOf(rep);
                if (wanted == null && in.isEmpty()) continue;
                if (wanted == null || in.isPresent() && in.get().name().equals(wanted)) {
                    ok.add(rep + " in " + in.get().name());
                    continue;
                }
                String evidence = rep + (in.isPresent() ? " is a port of " + in.get().name() : " is in no OVS bridge") + " (" + origin
                        + "), " + (spec.isPresent() ? ctx.specName() + " puts it in " + wanted : "the uplink of " + DoctorContext.subject(pf) + " is in " + wanted)
                        + ": VF " + vf.index() + " (" + vf.pci() + ") has no path to the network";
                String fix = CheckResult.fix("sriovctl apply -f spec.yaml",
                        "add a stanza to /etc/network/interfaces.d: auto " + rep + " / iface " + rep + " inet manual / ovs_type OVSPort / ovs_bridge "
                                + wanted + ", then ifreload -a (a port added only with ovs-vsctl is removed by the next ifreload -a)");
                out.add(spec.isPresent() || in.isPresent() ? fail(rep, evidence, fix) : warn(rep, evidence, fix));
            }
            if (!ok.isEmpty()) out.add(pass(DoctorContext.subject(pf), String.join(", ", ok) + " (" + origin + ")"));
        }
        if (out.isEmpty()) return List.of(skip("host", "no representor to judge: no switchdev PF with VFs whose uplink is in an OVS bridge"));
        return out;
    }

    private static Optional<String> specBridge(DoctorContext ctx, String rep) {
        return ctx.expectations().flatMap(e -> e.bridges().stream().filter(b -> b.ports().contains(rep)).findFirst())
                .map(Expectations.BridgeExpectation::name);
    }

    /** The bridge of the PF's netdev, or of the bond it is a member of. */
    static String uplinkBridge(DoctorContext ctx, Pf pf) {
        if (pf.netdev() == null) return null;
        OvsState ovs = ctx.inventory().ovs();
        Optional<OvsBridge> direct = ovs.bridgeOf(pf.netdev());
        if (direct.isPresent()) return direct.get().name();
        for (Bond b : ctx.inventory().bonds()) {
            if (b.members().stream().noneMatch(m -> m.name().equals(pf.netdev()))) continue;
            if (b.bridge() != null) return b.bridge();
            Optional<OvsBridge> viaBond = ovs.bridgeOf(b.name());
            if (viaBond.isPresent()) return viaBond.get().name();
        }
        return null;
    }
}
