package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;

/** The text of {@code ovs-appctl bond/show} (ofproto/bond.c) and {@code lacp/show} (lib/lacp.c) for one bond. */
final class BondShow {
    private BondShow() {
    }

    static void bond(StringBuilder sb, Bonds.Bond b, int recircId, long clockMillis) {
        boolean tcp = b.mode().equals("balance-tcp");
        boolean balanced = b.rebalanceInterval() > 0 && (tcp || b.mode().equals("balance-slb"));
        sb.append("---- ").append(b.name()).append(" ----\n");
        sb.append("bond_mode: ").append(b.mode()).append('\n');
        sb.append("bond may use recirculation: ").append(tcp ? "yes" : "no").append(", Recirc-ID : ").append(tcp ? recircId : -1).append('\n');
        sb.append("bond-hash-basis: ").append(b.port().map("other_config").getOrDefault("bond-hash-basis", "0")).append('\n');
        sb.append("lb_output action: disabled, bond-id: -1\n");
        if (b.mode().equals("balance-slb")) {
            sb.append("all members active: ").append(b.port().map("other_config").getOrDefault("bond-slb-all-members-active", "false")
                    .equals("true")).append('\n');
        }
        sb.append("updelay: ").append(b.port().integer("bond_updelay")).append(" ms\n");
        sb.append("downdelay: ").append(b.port().integer("bond_downdelay")).append(" ms\n");
        if (balanced) sb.append("next rebalance: ").append(b.rebalanceInterval() - clockMillis % b.rebalanceInterval()).append(" ms\n");
        sb.append("lacp_status: ").append(b.lacpStatus()).append('\n');
        sb.append("lacp_fallback_ab: ").append(b.fallbackAb()).append('\n');
        String primary = b.port().map("other_config").get("bond-primary");
        sb.append("active-backup primary: ").append(primary == null ? "<none>" : primary).append('\n');
        Bonds.Member a = b.activeMember();
        sb.append("active member mac: ").append(a == null ? "00:00:00:00:00:00(none)" : a.mac() + "(" + a.name() + ")").append('\n');
        for (Bonds.Member m : b.members()) {
            sb.append('\n');
            sb.append("member ").append(m.name()).append(": ").append(m.enabled() ? "enabled" : "disabled").append('\n');
            if (m == a) sb.append("  active member\n");
            sb.append("  may_enable: ").append(m.enabled()).append('\n');
        }
        sb.append('\n');
    }

    static void lacp(StringBuilder sb, Bonds.Bond b) {
        sb.append("---- ").append(b.name()).append(" ----\n");
        sb.append("  status: ").append(b.lacpActive() ? "active" : "passive").append(b.negotiated() ? " negotiated" : "").append('\n');
        sb.append("  sys_id: ").append(b.sysId()).append('\n');
        sb.append("  sys_priority: ").append(b.sysPriority()).append('\n');
        sb.append("  aggregation key: ").append(b.key()).append('\n');
        sb.append("  lacp_time: ").append(b.fast() ? "fast" : "slow").append('\n');
        for (Bonds.Member m : b.members()) {
            sb.append('\n');
            sb.append("member: ").append(m.name()).append(": ").append(m.lacpStatus()).append(' ').append(m.attached() ? "attached" : "detached")
                    .append('\n');
            sb.append("  port_id: ").append(m.portId()).append('\n');
            sb.append("  port_priority: 65535\n");
            sb.append("  may_enable: ").append(m.enabled()).append('\n');
            sb.append('\n');
            sb.append("  actor sys_id: ").append(b.sysId()).append('\n');
            sb.append("  actor sys_priority: ").append(b.sysPriority()).append('\n');
            sb.append("  actor port_id: ").append(m.portId()).append('\n');
            sb.append("  actor port_priority: 65535\n");
            sb.append("  actor key: ").append(b.key()).append('\n');
            sb.append("  actor state:").append(actorState(b, m)).append('\n');
            sb.append('\n');
            boolean current = "current".equals(m.lacpStatus());
            LacpPartner p = m.partner();
            sb.append("  partner sys_id: ").append(current ? p.sysId() : "00:00:00:00:00:00").append('\n');
            sb.append("  partner sys_priority: ").append(current ? p.sysPriority() : 0).append('\n');
            sb.append("  partner port_id: ").append(current ? p.portId() : 0).append('\n');
            sb.append("  partner port_priority: ").append(current ? p.portPriority() : 0).append('\n');
            sb.append("  partner key: ").append(current ? p.key() : 0).append('\n');
            sb.append("  partner state:").append(current ? partnerState(p) : "").append('\n');
        }
    }

    /** lib/lacp.c member_get_actor: which LACP state bits the actor sends. */
    private static String actorState(Bonds.Bond b, Bonds.Member m) {
        List<String> f = new ArrayList<>();
        if (b.lacpActive()) f.add("activity");
        if (b.fast()) f.add("timeout");
        if (b.members().size() > 1) f.add("aggregation");
        if (m.attached()) f.add("synchronized");
        if (m.attached() || !b.negotiated()) {
            f.add("collecting");
            f.add("distributing");
        }
        if ("defaulted".equals(m.lacpStatus())) f.add("defaulted");
        return f.isEmpty() ? "" : " " + String.join(" ", f);
    }

    private static String partnerState(LacpPartner p) {
        List<String> f = new ArrayList<>();
        if (p.active()) f.add("activity");
        if (p.fast()) f.add("timeout");
        f.add("aggregation");
        f.add("synchronized");
        f.add("collecting");
        f.add("distributing");
        return " " + String.join(" ", f);
    }
}
