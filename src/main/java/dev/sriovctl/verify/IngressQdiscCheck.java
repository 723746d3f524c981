package dev.sriovctl.verify;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Qdisc;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ingress-qdisc: the switchdev ports OVS offloads (uplinks, bond members, representors) carry the ingress
 * (or clsact) qdisc its TC flows hang on. OVS adds it when it takes a port with hw-offload on; when it is
 * missing (e.g. after the port was re-created), no flow of that port can be offloaded. LP #1836581
 * (os-net-config) traced missing offload on bond slaves after reboot to exactly this.
 */
final class IngressQdiscCheck extends DescribedCheck {

    IngressQdiscCheck() {
        super("ingress-qdisc", CheckArea.OFFLOAD,
                "switchdev PFs, their bond and the representors in OVS carry the ingress (or clsact) qdisc TC offload hangs its flows on",
                "tc -j qdisc show, ovs-vsctl list Bridge/Port/Interface");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip("host", why));
        if (!ctx.hwOffloadOn()) return List.of(skip("host", "hw-offload is not true: OVS adds no ingress qdisc (see ovs-hw-offload)"));
        Observed<List<Qdisc>> q = ctx.qdiscs();
        if (!q.present()) return List.of(skip("host", q.missing()));
        Set<String> devs = new LinkedHashSet<>();
        for (Pf pf : ctx.judgedPfs()) {
            if (pf.eswitchMode() != EswitchMode.SWITCHDEV || pf.netdev() == null) continue;
            if (inKernelBridge(ctx, pf.netdev())) devs.add(pf.netdev());
            for (Vf vf : pf.vfs()) if (vf.representor() != null && inKernelBridge(ctx, vf.representor())) devs.add(vf.representor());
        }
        for (Bond b : ctx.uplinkBonds()) if (b.kind().equals("linux") && inKernelBridge(ctx, b.name())) devs.add(b.name());
        if (devs.isEmpty()) return List.of(skip("host", "no switchdev port is in an OVS bridge on the kernel datapath"));
        Set<String> withIngress = q.value().stream().filter(Qdisc::isIngress).map(Qdisc::dev).collect(Collectors.toSet());
        List<String> missing = devs.stream().filter(d -> !withIngress.contains(d)).toList();
        List<String> present = devs.stream().filter(withIngress::contains).map(d -> d + " " + describe(q.value(), d)).toList();
        List<CheckResult> out = new ArrayList<>();
        for (String d : missing) {
            out.add(fail(d, "no ingress or clsact qdisc on " + d + " (" + q.origin() + "): OVS cannot put its TC flows there, so this port's traffic stays in software",
                    CheckResult.fix(null, "systemctl restart ovs-vswitchd (it adds the qdisc when it takes the port with hw-offload on); "
                            + "on bond members also keep IPv6 autoconf off (LP #1836581)")));
        }
        if (!present.isEmpty()) out.add(pass("host", String.join(", ", present) + " (" + q.origin() + ")"));
        return out;
    }

    private static String describe(List<Qdisc> all, String dev) {
        return all.stream().filter(x -> dev.equals(x.dev()) && x.isIngress()).findFirst()
                .map(x -> x.kind() + (x.ingressBlock() == null ? "" : " block " + x.ingressBlock())).orElse("");
    }

    /** In an OVS bridge whose datapath is the kernel's (TC offload does not serve datapath_type=netdev). */
    private static boolean inKernelBridge(DoctorContext ctx, String name) {
        for (OvsBridge b : ctx.inventory().ovs().bridges()) {
            if ("netdev".equals(b.datapathType())) continue;
            if (b.ports().stream().anyMatch(p -> p.name().equals(name) || p.interfaces().stream().anyMatch(i -> i.name().equals(name)))) return true;
        }
        return false;
    }
}
