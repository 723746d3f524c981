package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tc [-j] qdisc show [dev NAME]}: the root qdisc of every netdev (the kind {@code ip link} shows:
 * noqueue, noop, mq) and the {@code ingress} qdisc ovs-vswitchd adds to each port of the kernel datapath once
 * its TC flow API is enabled (lib/netdev-offload-tc.c netdev_tc_init_flow_api: {@code tc qdisc add dev X
 * ingress}; for a Linux bond, a LAG, on a shared block numbered by its ifindex). Keys and order of the JSON as
 * iproute2's tc/tc_qdisc.c print_qdisc writes them ("root" only on the root qdisc, "parent" otherwise).
 * Simplification: the per-queue children of an {@code mq} root are not listed.
 */
final class TcTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        boolean json = false;
        int i = 1;
        for (; i < argv.size() && argv.get(i).startsWith("-"); i++) {
            String o = argv.get(i);
            if (o.equals("-j") || o.equals("-json")) json = true;
            else if (!o.equals("-p") && !o.equals("-pretty") && !o.equals("-s")) {
                return SimTool.result(argv, 255, "", "Option \"" + o + "\" is unknown, try \"tc -help\".\n");
            }
        }
        List<String> rest = argv.subList(i, argv.size());
        if (rest.size() < 2 || !rest.get(0).startsWith("q") || !(rest.get(1).equals("show") || rest.get(1).equals("list") || rest.get(1).equals("ls"))) {
            return SimTool.result(argv, 1, "", "tc: only 'tc [-j] qdisc show [dev NAME]' is simulated\n");
        }
        String dev = null;
        if (rest.size() >= 4 && rest.get(2).equals("dev")) dev = rest.get(3);
        SimKernel k = host.kernel();
        if (dev != null && k.netdev(dev).isEmpty()) return SimTool.result(argv, 1, "", "Cannot find device \"" + dev + "\"\n");
        List<NetdevState> devs = new ArrayList<>(k.state.netdevs);
        devs.sort(Comparator.comparingInt(n -> n.ifindex));
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        boolean ingress = flowApi(host);
        for (NetdevState n : devs) {
            if (dev != null && !dev.equals(n.name)) continue;
            String kind = IpLinkView.qdisc(n);
            ObjectNode root = arr.addObject();
            root.put("kind", kind);
            root.put("handle", "0:");
            root.put("dev", n.name);
            root.put("root", true);
            root.put("refcnt", 2);
            root.putObject("options");
            text.append("qdisc ").append(kind).append(" 0: dev ").append(n.name).append(" root ")
                    .append("refcnt 2 \n");
            if (ingress && ("openvswitch".equals(n.slaveKind) && !"openvswitch".equals(n.linkKind))) {
                ObjectNode q = arr.addObject();
                q.put("kind", "ingress");
                q.put("handle", "ffff:");
                q.put("dev", n.name);
                q.put("parent", "ffff:fff1");
                if (n.kind == NetdevKind.BOND) q.put("ingress_block", n.ifindex);
                q.putObject("options");
                text.append("qdisc ingress ffff: dev ").append(n.name).append(" parent ffff:fff1 ")
                        .append(n.kind == NetdevKind.BOND ? "ingress_block " + n.ifindex + " " : "").append("----------------\n");
            }
        }
        return SimTool.result(argv, 0, json ? arr + "\n" : text.toString(), "");
    }

    /** Whether the simulated ovs-vswitchd runs with the TC flow API (hw-offload=true taken up). */
    private static boolean flowApi(SimHost host) {
        JsonNode ovs = host.extension(NetworkTool.OVS);
        if (ovs == null) return false;
        JsonNode v = ovs.path("vswitchd");
        return v.path("running").asBoolean() && v.path("flowApiEnabled").asBoolean();
    }
}
