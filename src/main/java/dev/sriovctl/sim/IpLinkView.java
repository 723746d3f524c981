package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ip [-d] [-j] link show} output of the simulated netdevs, in iproute2's field order
 * (ip/ipaddress.c print_linkinfo and print_vfinfo, iproute2 6.x): ifindex, ifname, flags, mtu, qdisc,
 * master, operstate, linkmode, group, txqlen, link_type, address, broadcast; with details promiscuity,
 * allmulti, min_mtu, max_mtu, linkinfo, inet6_addr_gen_mode, queues, gso/tso/gro sizes, phys_port_name,
 * phys_switch_id, parentbus, parentdev; then vfinfo_list in the newer form (link_type, address, broadcast,
 * vlan_list, rate, spoofchk, link_state, trust, query_rss_en). The text form follows the fixtures
 * (fixtures/ip-link/proxmox-cx6lx-pf-ip-d-link-before-and-after-switchdev-ovs.txt, including the double
 * space in "promiscuity 0  allmulti 0"); the JSON form compares with
 * fixtures/ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt. There is no public JSON capture of an
 * mlx5 device: its keys come from iproute2's source.
 */
final class IpLinkView {
    private IpLinkView() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static List<String> flags(SimKernel k, NetdevState n) {
        List<String> f = new ArrayList<>();
        boolean carrier = k.carrier(n);
        if (n.up && !carrier && n.kind != NetdevKind.LOOPBACK) f.add("NO-CARRIER");
        if (n.kind == NetdevKind.LOOPBACK) {
            f.add("LOOPBACK");
        } else {
            f.add("BROADCAST");
            f.add("MULTICAST");
        }
        // no PROMISC: dev_get_flags() reports only user-set promiscuity (gflags); an OVS or bridge port shows
        // "promiscuity 1" in the details but not the flag (the guide's ip -d link output of its uplink)
        if (n.kind == NetdevKind.BOND) f.add("MASTER");
        if ("bond".equals(n.slaveKind)) f.add("SLAVE");
        if (n.up) f.add("UP");
        if (n.up && carrier) f.add("LOWER_UP");
        return f;
    }

    static String qdisc(NetdevState n) {
        if (n.kind == NetdevKind.LOOPBACK || n.kind == NetdevKind.BOND) return "noqueue";
        if (n.kind == NetdevKind.VIRTUAL) return n.up ? ("tun".equals(n.linkKind) ? "pfifo_fast" : "noqueue") : "noop";
        return n.qdisc ? "mq" : "noop";
    }

    private static String linkType(NetdevState n) {
        return n.kind == NetdevKind.LOOPBACK ? "loopback" : "ether";
    }

    private static String broadcast(NetdevState n) {
        return n.kind == NetdevKind.LOOPBACK ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
    }

    private static String addrGenMode(NetdevState n) {
        return n.master != 0 ? "none" : "eui64";
    }

    private static int tsoMaxSize(NetdevState n) {
        return switch (n.kind) {
            case PF, REP, VF -> 524280;
            default -> 65536;
        };
    }

    // ---- JSON ------------------------------------------------------------------------------------

    static ArrayNode json(SimKernel k, SysfsTree tree, List<NetdevState> links, boolean details) {
        ArrayNode arr = F.arrayNode();
        for (NetdevState n : links) arr.add(json(k, tree, n, details));
        return arr;
    }

    static ObjectNode json(SimKernel k, SysfsTree tree, NetdevState n, boolean details) {
        ObjectNode o = F.objectNode();
        o.put("ifindex", n.ifindex);
        o.put("ifname", n.name);
        ArrayNode flags = o.putArray("flags");
        for (String f : flags(k, n)) flags.add(f);
        o.put("mtu", n.mtu);
        o.put("qdisc", qdisc(n));
        NetdevState master = n.master == 0 ? null : k.netdev(n.master);
        if (master != null) o.put("master", master.name);
        o.put("operstate", k.operstate(n));
        o.put("linkmode", "DEFAULT");
        o.put("group", "default");
        o.put("txqlen", 1000);
        o.put("link_type", linkType(n));
        o.put("address", n.mac);
        o.put("broadcast", broadcast(n));
        if (details) {
            o.put("promiscuity", n.promiscuity);
            o.put("allmulti", 0);
            o.put("min_mtu", n.kind == NetdevKind.LOOPBACK ? 0 : n.minMtu);
            o.put("max_mtu", n.kind == NetdevKind.LOOPBACK ? 0 : n.maxMtu);
            JsonNode info = linkinfo(k, n);
            if (info != null) o.set("linkinfo", info);
            o.put("inet6_addr_gen_mode", addrGenMode(n));
            o.put("num_tx_queues", n.txQueues);
            o.put("num_rx_queues", n.rxQueues);
            o.put("gso_max_size", 65536);
            o.put("gso_max_segs", 65535);
            o.put("tso_max_size", tsoMaxSize(n));
            o.put("tso_max_segs", 65535);
            o.put("gro_max_size", 65536);
            String ppn = tree.physPortName(n);
            if (ppn != null) o.put("phys_port_name", ppn);
            String sw = tree.switchId(n);
            if (sw != null) o.put("phys_switch_id", sw);
            if (n.pci != null) {
                o.put("parentbus", "pci");
                o.put("parentdev", n.pci);
            }
        }
        PciRef pf = k.pfOf(n);
        if (pf != null && pf.pf().numVfs > 0) {
            ArrayNode vfs = o.putArray("vfinfo_list");
            boolean mlx5 = SimKernel.profile(pf.card()).mlx5();
            for (VfState vf : pf.pf().vfs) vfs.add(vfJson(vf, mlx5));
        }
        return o;
    }

    private static ObjectNode vfJson(VfState vf, boolean mlx5) {
        ObjectNode o = F.objectNode();
        o.put("vf", vf.index);
        o.put("link_type", "ether");
        o.put("address", vf.mac);
        o.put("broadcast", "ff:ff:ff:ff:ff:ff");
        ObjectNode vlan = o.putArray("vlan_list").addObject();
        if (vf.vlan != 0) vlan.put("vlan", vf.vlan);
        if (vf.qos != 0) vlan.put("qos", vf.qos);
        if (vf.maxTxRate != 0) o.put("tx_rate", vf.maxTxRate);
        ObjectNode rate = o.putObject("rate");
        rate.put("max_tx", vf.maxTxRate);
        rate.put("min_tx", vf.minTxRate);
        o.put("spoofchk", vf.spoofchk);
        o.put("link_state", vf.linkState);
        o.put("trust", vf.trust);
        if (mlx5) o.put("query_rss_en", false);
        return o;
    }

    private static JsonNode linkinfo(SimKernel k, NetdevState n) {
        ObjectNode info = F.objectNode();
        if (n.kind == NetdevKind.BOND) {
            info.put("info_kind", "bond");
            ObjectNode d = info.putObject("info_data");
            d.put("mode", n.bond.get("mode"));
            d.put("miimon", Integer.parseInt(n.bond.get("miimon")));
            d.put("updelay", Integer.parseInt(n.bond.get("updelay")));
            d.put("downdelay", Integer.parseInt(n.bond.get("downdelay")));
            d.put("xmit_hash_policy", n.bond.get("xmit_hash_policy"));
            if (n.bond.get("mode").equals("802.3ad")) d.put("ad_lacp_rate", n.bond.get("lacp_rate"));
        } else if (n.kind == NetdevKind.VIRTUAL && n.linkKind != null) {
            info.put("info_kind", n.linkKind);
        }
        if ("bond".equals(n.slaveKind)) {
            NetdevState bond = k.netdev(n.master);
            info.put("info_slave_kind", "bond");
            ObjectNode d = info.putObject("info_slave_data");
            d.put("state", bond != null && k.bonding.txEnabled(bond, n) ? "ACTIVE" : "BACKUP");
            d.put("mii_status", k.carrier(n) ? "UP" : "DOWN");
            d.put("link_failure_count", 0);
            d.put("perm_hwaddr", n.mac);
            d.put("queue_id", 0);
        } else if ("openvswitch".equals(n.slaveKind) || "bridge".equals(n.slaveKind)) {
            info.put("info_slave_kind", n.slaveKind);
        }
        return info.isEmpty() ? null : info;
    }

    // ---- text ------------------------------------------------------------------------------------

    static String text(SimKernel k, SysfsTree tree, NetdevState n, boolean details) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.ifindex).append(": ").append(n.name).append(": <").append(String.join(",", flags(k, n))).append("> mtu ")
                .append(n.mtu).append(" qdisc ").append(qdisc(n)).append(' ');
        NetdevState master = n.master == 0 ? null : k.netdev(n.master);
        if (master != null) sb.append("master ").append(master.name).append(' ');
        sb.append("state ").append(k.operstate(n)).append(" mode DEFAULT group default qlen 1000\n");
        sb.append("    link/").append(linkType(n)).append(' ').append(n.mac).append(" brd ").append(broadcast(n));
        if (details) {
            sb.append(" promiscuity ").append(n.promiscuity).append(' ');
            sb.append(" allmulti 0 ");
            sb.append("minmtu ").append(n.kind == NetdevKind.LOOPBACK ? 0 : n.minMtu).append(' ');
            sb.append("maxmtu ").append(n.kind == NetdevKind.LOOPBACK ? 0 : n.maxMtu).append(' ');
            if (n.kind == NetdevKind.BOND) {
                sb.append("\n    bond mode ").append(n.bond.get("mode")).append(" miimon ").append(n.bond.get("miimon"))
                        .append(" updelay ").append(n.bond.get("updelay")).append(" downdelay ").append(n.bond.get("downdelay"))
                        .append(" xmit_hash_policy ").append(n.bond.get("xmit_hash_policy")).append(' ');
            } else if (n.kind == NetdevKind.VIRTUAL && n.linkKind != null) {
                sb.append("\n    ").append(n.linkKind).append(' ');
            }
            if (n.slaveKind != null) {
                sb.append("\n    ").append(n.slaveKind).append("_slave ");
                if ("bond".equals(n.slaveKind)) {
                    NetdevState bond = k.netdev(n.master);
                    sb.append("state ").append(bond != null && k.bonding.txEnabled(bond, n) ? "ACTIVE" : "BACKUP")
                            .append(" mii_status ").append(k.carrier(n) ? "UP" : "DOWN").append(" link_failure_count 0 perm_hwaddr ")
                            .append(n.mac).append(" queue_id 0 ");
                }
            }
            sb.append("addrgenmode ").append(addrGenMode(n)).append(' ');
            sb.append("numtxqueues ").append(n.txQueues).append(" numrxqueues ").append(n.rxQueues).append(' ');
            sb.append("gso_max_size 65536 gso_max_segs 65535 tso_max_size ").append(tsoMaxSize(n))
                    .append(" tso_max_segs 65535 gro_max_size 65536 ");
            String ppn = tree.physPortName(n);
            if (ppn != null) sb.append("portname ").append(ppn).append(' ');
            String sw = tree.switchId(n);
            if (sw != null) sb.append("switchid ").append(sw).append(' ');
            if (n.pci != null) sb.append("parentbus pci parentdev ").append(n.pci).append(' ');
        }
        PciRef pf = k.pfOf(n);
        if (pf != null && pf.pf().numVfs > 0) {
            boolean mlx5 = SimKernel.profile(pf.card()).mlx5();
            for (VfState vf : pf.pf().vfs) sb.append('\n').append(vfText(vf, mlx5));
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String vfText(VfState vf, boolean mlx5) {
        StringBuilder sb = new StringBuilder("    vf ").append(vf.index).append("     link/ether ").append(vf.mac)
                .append(" brd ff:ff:ff:ff:ff:ff");
        if (vf.vlan != 0) sb.append(", vlan ").append(vf.vlan);
        if (vf.qos != 0) sb.append(", qos ").append(vf.qos);
        if (vf.maxTxRate != 0) sb.append(", tx rate ").append(vf.maxTxRate).append(" (Mbps)");
        if (vf.maxTxRate != 0) sb.append(", max_tx_rate ").append(vf.maxTxRate).append("Mbps");
        if (vf.minTxRate != 0) sb.append(", min_tx_rate ").append(vf.minTxRate).append("Mbps");
        sb.append(", spoof checking ").append(vf.spoofchk ? "on" : "off");
        sb.append(", link-state ").append(vf.linkState.toLowerCase(Locale.ROOT));
        sb.append(", trust ").append(vf.trust ? "on" : "off");
        if (mlx5) sb.append(", query_rss off");
        return sb.toString();
    }
}
