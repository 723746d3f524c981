package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovs-appctl dpctl/dump-flows [-m] [DP] [type=...]} over the traffic the simulator registered
 * ({@link OvsDatabase#addTraffic}). Each {@link TrafficFlow} becomes the datapath flow(s) ovs-vswitchd would
 * install for it; what is offloaded follows OVS's TC offload rules as far as sriovctl cares:
 *
 * <ul>
 * <li>Only a running vswitchd with the flow API enabled ({@link Vswitchd#flowApiEnabled()}: hw-offload=true
 *     seen by this process) puts flows in TC; otherwise every flow is {@code dp:ovs}.</li>
 * <li>Only kernel-datapath bridges ({@code datapath_type} empty or "system") offload; {@code netdev} bridges
 *     use the userspace datapath ({@code dp:ovs}, with a "flow-dump from the main thread:" header).</li>
 * <li>Output to an OVS {@code balance-tcp} bond needs {@code hash(l4(0)),recirc(...)} and a second
 *     {@code recirc_id/dp_hash} flow; TC cannot offload dp_hash/recirculation (lib/netdev-offload-tc.c
 *     refuses dp_hash; notes/prior-art.md "Open vSwitch", DESIGN §2), so such flows stay {@code dp:ovs}.
 *     Other bond modes output straight to the active member.</li>
 * <li>A TC flow is {@code offloaded:yes} when both its input and output netdevs can offload TC flower
 *     rules ({@link LinkTable.Link#tcOffload()}: mlx5 switchdev uplinks and representors) and tc-policy is not
 *     {@code skip_hw}; otherwise it stays in TC software ({@code dp:tc} without offloaded:yes), or with
 *     {@code skip_sw} falls back to {@code dp:ovs}.</li>
 * </ul>
 * Flow keys are written fully masked, as the kernel-datapath fixtures show (IPv4 unicast between the given MACs).
 */
final class DatapathFlows {
    private DatapathFlows() {
    }

    private record Flow(String bridge, boolean netdevDp, String inPort, int inOfport, String match, String recirc, long packets,
                        long bytes, boolean tc, boolean offloaded, String actionsNamed, String actionsNumbered) {
    }

    static String dump(OvsDatabase db, LinkTable links, List<String> args) {
        boolean more = false;
        String type = null;
        for (String a : args) {
            if (a.equals("-m") || a.equals("--more")) more = true;
            else if (a.startsWith("type=")) type = a.substring(5);
            else if (a.equals("--names") || a.equals("--no-names")) continue;
            else if (a.startsWith("-")) throw new OvsAppctl.ServerError("ovs-vswitchd: unknown option '" + a + "' (Invalid argument)");
        }
        if (type != null && !List.of("ovs", "tc", "dpdk", "offloaded", "non-offloaded", "partially-offloaded", "all").contains(type)) {
            throw new OvsAppctl.ServerError("ovs-vswitchd: Failed to parse type (" + type + ") (Invalid argument)");
        }
        List<Flow> flows = flows(db, links);
        StringBuilder sb = new StringBuilder();
        boolean header = flows.stream().anyMatch(Flow::netdevDp) && (type == null || type.equals("ovs") || type.equals("all")
                || type.equals("non-offloaded"));
        if (header) sb.append("flow-dump from the main thread:\n");
        int n = 0;
        for (Flow f : flows) {
            n++;
            if (!selected(f, type)) continue;
            String ufid = Uuids.derive("ufid:" + f.bridge() + f.inPort() + f.match(), n).toString();
            String used = f.packets() > 0 ? "0.500s" : "never";
            if (more) {
                sb.append("ufid:").append(ufid).append(", ");
                sb.append("skb_priority(0/0),skb_mark(0/0),ct_state(0/0),ct_zone(0/0),ct_mark(0/0),ct_label(0/0),");
                sb.append(f.recirc() == null ? "recirc_id(0),dp_hash(0/0)" : f.recirc());
                sb.append(",in_port(").append(f.inPort()).append("),");
                sb.append(f.netdevDp() ? "packet_type(ns=0,id=0)," : "packet_type(ns=0/0,id=0/0),");
                sb.append(f.match());
                sb.append(", packets:").append(f.packets()).append(", bytes:").append(f.bytes()).append(", used:").append(used);
                if (f.offloaded()) sb.append(", offloaded:yes");
                sb.append(", dp:").append(f.tc() ? "tc" : "ovs");
                sb.append(", actions:").append(f.actionsNamed());
                if (f.netdevDp()) sb.append(", dp-extra-info:miniflow_bits(5,1)");
            } else {
                sb.append(f.recirc() == null ? "recirc_id(0)" : f.recirc().replaceAll("dp_hash\\([^)]*\\)", "").replaceAll(",$", ""));
                sb.append(",in_port(").append(f.inOfport()).append("),");
                sb.append(f.netdevDp() ? "packet_type(ns=0,id=0)," : "");
                sb.append(f.match().replaceAll("ipv4\\(.*\\)", "ipv4(frag=no)"));
                sb.append(", packets:").append(f.packets()).append(", bytes:").append(f.bytes()).append(", used:").append(used);
                sb.append(", actions:").append(f.actionsNumbered());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static boolean selected(Flow f, String type) {
        if (type == null || type.equals("all")) return true;
        return switch (type) {
            case "ovs" -> !f.tc();
            case "tc" -> f.tc();
            case "offloaded" -> f.offloaded();
            case "non-offloaded" -> !f.offloaded();
            default -> false;
        };
    }

    private static List<Flow> flows(OvsDatabase db, LinkTable links) {
        List<Flow> out = new ArrayList<>();
        Vswitchd v = db.vswitchd();
        if (!v.running()) return out;
        for (TrafficFlow t : db.traffic()) {
            Optional<OvsRow> in = db.iface(t.inPort());
            Optional<OvsRow> outPort = db.port(t.outPort());
            if (in.isEmpty() || outPort.isEmpty()) continue;
            Optional<OvsRow> inPort = db.portOf(in.get());
            if (inPort.isEmpty()) continue;
            Optional<OvsRow> br = db.bridgeOf(inPort.get());
            if (br.isEmpty() || !br.equals(db.bridgeOf(outPort.get()))) continue;
            Long inOf = in.get().integer("ofport");
            if (inOf == null || inOf <= 0) continue;
            boolean netdevDp = "netdev".equals(br.get().string("datapath_type"));
            String match = "eth(src=" + t.srcMac() + ",dst=" + t.dstMac() + "),eth_type(0x0800),"
                    + "ipv4(src=0.0.0.0/0.0.0.0,dst=0.0.0.0/0.0.0.0,proto=0/0,tos=0/0,ttl=0/0,frag=no)";
            List<OvsRow> outIfaces = db.deref(outPort.get(), "interfaces", "Interface");
            Optional<Bonds.Bond> bond = outIfaces.size() > 1 ? Bonds.find(db, links, outPort.get().name()) : Optional.empty();
            boolean tcp = bond.isPresent() && bond.get().mode().equals("balance-tcp");
            String outName;
            if (bond.isPresent()) {
                Bonds.Member a = bond.get().activeMember();
                if (a == null) continue; // bond down: the datapath drops, nothing useful to show
                outName = a.name();
            } else {
                outName = outIfaces.isEmpty() ? null : outIfaces.get(0).name();
            }
            if (outName == null) continue;
            int outOf = db.iface(outName).map(i -> i.integer("ofport")).map(Long::intValue).orElse(-1);
            boolean kernelDp = !netdevDp;
            boolean tcCapable = kernelDp && v.flowApiEnabled() && !tcp;
            boolean hw = tcCapable && capable(links, t.inPort()) && capable(links, outName);
            String policy = v.tcPolicy();
            boolean tc = tcCapable && !(policy.equals("skip_sw") && !hw);
            boolean offloaded = tc && hw && !policy.equals("skip_hw");
            if (tcp) {
                int recirc = v.recircId(outPort.get().uuid());
                String hex = "0x" + Integer.toHexString(recirc);
                out.add(new Flow(br.get().name(), netdevDp, t.inPort(), inOf.intValue(), match, null, t.packets(), t.bytes(), false, false,
                        "hash(l4(0)),recirc(" + hex + ")", "hash(l4(0)),recirc(" + hex + ")"));
                String dpHash = "dp_hash(0x" + Integer.toHexString((t.srcMac() + t.dstMac()).hashCode() & 0x7fffffff) + "/0xff)";
                out.add(new Flow(br.get().name(), netdevDp, t.inPort(), inOf.intValue(), match, "recirc_id(" + hex + ")," + dpHash,
                        t.packets(), t.bytes(), false, false, outName, String.valueOf(outOf)));
            } else {
                out.add(new Flow(br.get().name(), netdevDp, t.inPort(), inOf.intValue(), match, null, t.packets(), t.bytes(), tc, offloaded,
                        outName, String.valueOf(outOf)));
            }
        }
        return out;
    }

    private static boolean capable(LinkTable links, String netdev) {
        return links.link(netdev).map(LinkTable.Link::tcOffload).orElse(false);
    }
}
