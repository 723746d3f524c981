package dev.sriovctl.verify;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.DatapathFlow;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsInterface;
import dev.sriovctl.observe.OvsPort;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * flows-offloaded: the share of datapath flows in hardware ({@code offloaded:yes} in
 * {@code ovs-appctl dpctl/dump-flows -m}) is at least the threshold (0.9 unless the spec says otherwise);
 * otherwise the largest flows left in software are listed with their most likely cause.
 */
final class FlowsOffloadedCheck extends DescribedCheck {

    static final int LISTED = 5;
    private static final Pattern REP_PF = Pattern.compile("pf(\\d+)vf\\d+$");
    private static final Pattern UPLINK_PF = Pattern.compile("np(\\d+)$");

    FlowsOffloadedCheck() {
        super("flows-offloaded", CheckArea.OFFLOAD,
                "offloaded datapath flows / all datapath flows >= the threshold (default 0.9); the largest flows left in software are named with their likely cause",
                "ovs-appctl dpctl/dump-flows -m, ovs-vsctl list Open_vSwitch/Bridge/Port/Interface, ovs-appctl bond/show");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String subject = "datapath flows";
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(subject, why));
        Observed<List<DatapathFlow>> flows = ctx.datapathFlows();
        if (!flows.present()) return List.of(skip(subject, flows.missing()));
        List<OvsBridge> bridges = ctx.inventory().ovs().bridges();
        if (!bridges.isEmpty() && bridges.stream().allMatch(b -> "netdev".equals(b.datapathType()))) {
            return List.of(skip(subject, "every bridge uses the userspace datapath (datapath_type=netdev): TC hardware offload does not apply ("
                    + flows.value().size() + " flows, all " + dps(flows.value()) + ")"));
        }
        List<DatapathFlow> all = flows.value();
        if (all.isEmpty()) return List.of(skip(subject, flows.origin() + " listed no flow: no traffic in the last 10 s (datapath flows expire when idle)"));
        long offloaded = all.stream().filter(DatapathFlow::isOffloaded).count();
        double ratio = (double) offloaded / all.size();
        double threshold = ctx.flowThreshold();
        String share = offloaded + " of " + all.size() + " datapath flows offloaded (" + percent(ratio) + ", threshold " + percent(threshold) + "; " + flows.origin() + ")";
        if (ratio >= threshold) return List.of(pass(subject, share));
        Causes causes = new Causes(ctx, all);
        List<DatapathFlow> soft = all.stream().filter(f -> !f.isOffloaded())
                .sorted(Comparator.comparingLong(DatapathFlow::bytes).thenComparingLong(DatapathFlow::packets).reversed()).toList();
        Map<String, Integer> byCause = new LinkedHashMap<>();
        for (DatapathFlow f : soft) byCause.merge(causes.of(f).key, 1, Integer::sum);
        StringBuilder ev = new StringBuilder(share).append(". Causes: ")
                .append(byCause.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(". Largest in software:");
        int n = 0;
        for (DatapathFlow f : soft) {
            if (++n > LISTED) break;
            Cause c = causes.of(f);
            ev.append(" (").append(n).append(") in_port ").append(f.inPort()).append(" -> ").append(f.actions())
                    .append(", ").append(f.packets()).append(" packets, ").append(f.bytes()).append(" bytes, dp:").append(f.dp())
                    .append(": ").append(c.text).append(';');
        }
        ev.setLength(ev.length() - 1);
        String fix = byCause.keySet().stream().map(Causes.FIXES::get).distinct().collect(Collectors.joining("; "));
        return List.of(fail(subject, ev.toString(), fix));
    }

    private static String dps(List<DatapathFlow> flows) {
        return flows.stream().map(f -> "dp:" + f.dp()).distinct().collect(Collectors.joining("/"));
    }

    private static String percent(double r) {
        return Math.round(r * 100) + "%";
    }

    private record Cause(String key, String text) {
    }

    /** What most likely keeps a flow in software, from the flow and the host around it. */
    private static final class Causes {
        static final Map<String, String> FIXES = Map.of(
                "hw-offload", OvsHwOffloadCheck.FIX,
                "not-restarted", OvsOffloadActiveCheck.RESTART,
                "recirc", "use a vf-lag bond instead of an OVS balance-tcp bond (see bond-offloadable)",
                "cross-eswitch", "VF-LAG (a Linux bond of both PFs, see vf-bond-protection) gives the ports one shared FDB; or keep each VM's traffic on its own PF",
                "internal", "traffic to the host's own bridge port is never offloaded: expected for host-bound packets",
                "slow-path", "expected: LACP and controller packets go to ovs-vswitchd",
                "tc-software", "see which rule the NIC refused: tc -s filter show dev <in_port> ingress (not_in_hw); with tc-policy skip_sw such flows go to the OVS datapath instead",
                "other", "an action or match the NIC cannot offload; ovs-appctl dpctl/dump-flows -m type=ovs lists them, and ovs-vswitchd.log says why (netdev_offload_tc)");

        private final boolean hwOffload;
        private final boolean anyTc;
        private final String tcPolicy;
        private final Map<String, Integer> eswitch = new HashMap<>();
        private final Set<String> internal = new HashSet<>();
        private final boolean sharedFdb;

        Causes(DoctorContext ctx, List<DatapathFlow> all) {
            hwOffload = ctx.hwOffloadOn();
            anyTc = all.stream().anyMatch(f -> "tc".equals(f.dp()));
            tcPolicy = ctx.inventory().ovs().otherConfig().getOrDefault("tc-policy", "none");
            for (Pf pf : ctx.inventory().pfs()) {
                int port = RepresentorsNamedCheck.portIndex(pf);
                if (pf.netdev() != null) eswitch.put(pf.netdev(), port);
                for (Vf vf : pf.vfs()) if (vf.representor() != null) eswitch.put(vf.representor(), port);
            }
            for (OvsBridge b : ctx.inventory().ovs().bridges()) {
                for (OvsPort p : b.ports()) for (OvsInterface i : p.interfaces()) if ("internal".equals(i.type())) internal.add(i.name());
            }
            boolean shared = false;
            for (Nic n : ctx.inventory().nics()) {
                Lag l = n.lag();
                if (l != null && "active".equals(l.state()) && !Boolean.FALSE.equals(l.sharedFdb())) shared = true;
            }
            for (Bond b : ctx.inventory().bonds()) if (b.kind().equals("ovs")) eswitch.putIfAbsent(b.name(), -1);
            sharedFdb = shared;
        }

        Cause of(DatapathFlow f) {
            String actions = f.actions() == null ? "" : f.actions();
            if (!hwOffload) return new Cause("hw-offload", "hw-offload is off in Open vSwitch");
            if (actions.contains("userspace(")) return new Cause("slow-path", "sent to ovs-vswitchd (slow path), never offloaded");
            if (actions.contains("hash(") || actions.contains("recirc(") || f.match().matches(".*dp_hash\\(0x[0-9a-f]+.*")) {
                return new Cause("recirc", "hash/recirculation of an OVS balance-tcp bond, which TC cannot offload");
            }
            Integer in = port(f.inPort());
            for (String out : f.outputs()) {
                Integer o = port(out);
                if (!sharedFdb && in != null && o != null && in >= 0 && o >= 0 && !in.equals(o)) {
                    return new Cause("cross-eswitch", "crosses the two e-switches (pf" + in + " -> pf" + o
                            + "): without VF-LAG's shared FDB the NIC cannot switch between its ports");
                }
            }
            if (f.outputs().stream().anyMatch(internal::contains)) return new Cause("internal", "delivered to the bridge's internal port (host stack)");
            if ("tc".equals(f.dp())) {
                return new Cause("tc-software", "in TC but not in hardware (not_in_hw): the NIC refused the rule"
                        + ("none".equals(tcPolicy) ? "; tc-policy none keeps such rules in software TC" : ""));
            }
            if (!anyTc) return new Cause("not-restarted", "no flow is in TC at all: ovs-vswitchd's flow API is not active (not restarted after enabling hw-offload?)");
            return new Cause("other", "kept in the OVS kernel datapath: an action or match the NIC cannot offload");
        }

        private Integer port(String name) {
            if (name == null) return null;
            Integer p = eswitch.get(name);
            if (p != null) return p;
            Matcher m = REP_PF.matcher(name);
            if (m.find()) return Integer.valueOf(m.group(1));
            m = UPLINK_PF.matcher(name);
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        }
    }
}
