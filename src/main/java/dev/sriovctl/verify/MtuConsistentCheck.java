package dev.sriovctl.verify;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsInterface;
import dev.sriovctl.observe.OvsPort;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * mtu-consistent: the PFs, their bond, the bridge, the representors and the VFs the host sees carry one MTU
 * (the spec's), within each device's maxmtu. A smaller MTU anywhere on the path drops the large frames.
 */
final class MtuConsistentCheck extends DescribedCheck {

    MtuConsistentCheck() {
        super("mtu-consistent", CheckArea.OVS,
                "PF, bond, bridge, representors and host-visible VFs of one bridge carry the spec'd MTU (without a spec: the same MTU), within maxmtu",
                "/sys/class/net/*/mtu, ip -d -j link show (max_mtu), ovs-vsctl list Interface");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Map<String, List<Pf>> byBridge = new LinkedHashMap<>();
        for (Pf pf : ctx.judgedPfs()) {
            String br = ctx.inventory().ovs().running() == Boolean.TRUE ? RepresentorsInBridgeCheck.uplinkBridge(ctx, pf) : null;
            byBridge.computeIfAbsent(br == null ? "" : br, k -> new ArrayList<>()).add(pf);
        }
        List<CheckResult> out = new ArrayList<>();
        for (Map.Entry<String, List<Pf>> e : byBridge.entrySet()) {
            String bridge = e.getKey();
            Map<String, Integer> mtus = new LinkedHashMap<>();
            Map<String, Integer> max = new LinkedHashMap<>();
            Set<String> netdevs = new LinkedHashSet<>();
            for (Pf pf : e.getValue()) {
                if (pf.netdev() != null) netdevs.add(pf.netdev());
                for (Vf vf : pf.vfs()) {
                    if (vf.representor() != null && !bridge.isEmpty()) netdevs.add(vf.representor());
                    if (vf.netdev() != null) netdevs.add(vf.netdev());
                }
            }
            if (!bridge.isEmpty()) {
                netdevs.add(bridge);
                for (Bond b : ctx.uplinkBonds()) if (b.kind().equals("linux")) netdevs.add(b.name());
            }
            for (String n : netdevs) {
                Integer mtu = integer(ctx.attribute(SysfsLayout.netdev(n) + "/mtu"));
                if (mtu == null) mtu = ovsMtu(ctx, bridge, n);
                if (mtu != null) mtus.put(n, mtu);
                Integer m = maxMtu(ctx, n);
                if (m != null) max.put(n, m);
            }
            String subject = bridge.isEmpty() ? e.getValue().stream().map(DoctorContext::subject).collect(Collectors.joining(", ")) : "bridge " + bridge;
            if (mtus.isEmpty()) {
                out.add(skip(subject, "no MTU readable for " + String.join(", ", netdevs) + " (" + ctx.host().originOfFile(SysfsLayout.CLASS_NET) + ")"));
                continue;
            }
            Integer wanted = wanted(ctx, bridge, e.getValue());
            String seen = mtus.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(", "))
                    + " (" + ctx.host().originOfFile(SysfsLayout.CLASS_NET + "/*/mtu") + ")";
            List<String> problems = new ArrayList<>();
            int target = wanted != null ? wanted : mtus.values().stream().max(Integer::compare).orElse(1500);
            for (Map.Entry<String, Integer> m : max.entrySet()) {
                if (target > m.getValue()) problems.add(target + " exceeds maxmtu " + m.getValue() + " of " + m.getKey());
            }
            List<String> off = mtus.entrySet().stream().filter(x -> x.getValue() != target).map(Map.Entry::getKey).toList();
            if (!off.isEmpty()) problems.add(String.join(", ", off) + " differ" + (off.size() == 1 ? "s" : "") + " from " + target);
            if (problems.isEmpty()) {
                out.add(pass(subject, seen + (wanted == null ? "" : ", as " + ctx.specName() + " wants")));
                continue;
            }
            String evidence = seen + ": " + String.join("; ", problems) + " (frames larger than the smallest MTU on the path are dropped)";
            String fix = CheckResult.fix("sriovctl apply -f spec.yaml",
                    "set ovs_mtu " + target + " on the bridge, bond and OVSPort stanzas in /etc/network/interfaces(.d) and ifreload -a; "
                            + "inside the VMs set the VF's MTU to " + target + " too");
            out.add(wanted != null ? fail(subject, evidence, fix) : warn(subject, evidence, fix));
        }
        if (out.isEmpty()) return List.of(DoctorContext.noPf(this, ctx));
        return out;
    }

    private static Integer wanted(DoctorContext ctx, String bridge, List<Pf> pfs) {
        if (ctx.expectations().isEmpty()) return null;
        Integer b = ctx.expectations().get().bridges().stream().filter(x -> x.name().equals(bridge)).map(Expectations.BridgeExpectation::mtu)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (b != null) return b;
        return pfs.stream().map(ctx::expectationFor).flatMap(java.util.Optional::stream).map(Expectations.PfExpectation::mtu)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static Integer maxMtu(DoctorContext ctx, String netdev) {
        for (Pf pf : ctx.inventory().pfs()) if (netdev.equals(pf.netdev())) return pf.maxMtu();
        return null;
    }

    private static Integer ovsMtu(DoctorContext ctx, String bridge, String name) {
        for (OvsBridge b : ctx.inventory().ovs().bridges()) {
            if (!b.name().equals(bridge)) continue;
            for (OvsPort p : b.ports()) for (OvsInterface i : p.interfaces()) if (i.name().equals(name)) return i.mtu();
        }
        return null;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
