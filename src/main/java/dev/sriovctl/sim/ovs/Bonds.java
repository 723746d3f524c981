package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bonds ovs-vswitchd runs, derived from the database, the netdevs and the LACP partners behind them
 * (ofproto/bond.c and lib/lacp.c, simplified to their steady state: no timers, updelay/downdelay not waited for).
 *
 * <p>A Port with two or more Interfaces is a bond; vswitchd creates it only if at least one member netdev
 * could be opened. With {@code lacp=active|passive}, a member with carrier whose partner speaks LACP (and at
 * least one side is active) is "current attached"; a member without carrier, or whose partner sends no
 * LACPDUs, is "defaulted detached" and disabled. The bond is "negotiated" when any member is current. When no
 * member negotiates, {@code other_config:lacp-fallback-ab=true} on the Port (never the Open_vSwitch table,
 * where OVS does not read it) keeps the members with carrier enabled, as active-backup; without it every
 * member is disabled.
 */
final class Bonds {
    private Bonds() {
    }

    record Member(String name, int portId, String mac, boolean carrier, String lacpStatus, boolean attached, boolean enabled,
                  LacpPartner partner) {
    }

    record Bond(OvsRow port, String bridge, String mode, boolean lacpEnabled, boolean lacpActive, boolean fast, boolean negotiated,
                boolean fallbackAb, List<Member> members, Member activeMember, String sysId, int sysPriority, int key,
                int rebalanceInterval) {
        String name() {
            return port.name();
        }

        String lacpStatus() {
            return !lacpEnabled ? "off" : negotiated ? "negotiated" : "configured";
        }
    }

    /** Every bond vswitchd runs, by name. Empty when vswitchd is not running. */
    static List<Bond> all(OvsDatabase db, LinkTable links) {
        List<Bond> out = new ArrayList<>();
        if (!db.vswitchd().running()) return out;
        OvsRow ovs = db.openVswitch().orElse(null);
        if (ovs == null) return out;
        for (OvsRow br : db.deref(ovs, "bridges", "Bridge")) {
            List<OvsRow> allIfaces = new ArrayList<>();
            for (OvsRow p : db.deref(br, "ports", "Port")) allIfaces.addAll(db.deref(p, "interfaces", "Interface"));
            String brMac = Vswitchd.bridgeMac(db, links, br, allIfaces);
            for (OvsRow port : db.deref(br, "ports", "Port")) {
                List<OvsRow> ifaces = db.deref(port, "interfaces", "Interface");
                if (ifaces.size() < 2) continue;
                bond(db, links, br, port, ifaces, brMac).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(Bond::name));
        return out;
    }

    static Optional<Bond> find(OvsDatabase db, LinkTable links, String name) {
        return all(db, links).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    private static Optional<Bond> bond(OvsDatabase db, LinkTable links, OvsRow br, OvsRow port, List<OvsRow> ifaces, String brMac) {
        Map<String, String> oc = port.map("other_config");
        String lacp = port.string("lacp");
        boolean lacpEnabled = "active".equals(lacp) || "passive".equals(lacp);
        boolean active = "active".equals(lacp);
        boolean fast = "fast".equals(oc.get("lacp-time"));
        boolean fallback = "true".equals(oc.get("lacp-fallback-ab"));
        String mode = port.string("bond_mode") == null ? "active-backup" : port.string("bond_mode");

        List<OvsRow> opened = ifaces.stream().filter(i -> i.integer("ofport") != null && i.integer("ofport") > 0)
                .sorted(Comparator.comparing(OvsRow::name)).toList();
        if (opened.isEmpty()) return Optional.empty();

        List<Member> members = new ArrayList<>();
        int index = 0;
        for (OvsRow i : opened) {
            index++;
            Optional<LinkTable.Link> l = links.link(i.name());
            boolean carrier = l.isPresent() && l.get().adminUp() && l.get().carrier();
            String mac = l.map(LinkTable.Link::mac).orElse("00:00:00:00:00:00");
            int portId = i.integer("ofport").intValue();
            // default: a switch port configured for LACP (active, same timer as ours)
            LacpPartner partner = db.partner(i.name())
                    .orElse(new LacpPartner(defaultPartnerSysId(br), 32768, index, 32768, 1, true, fast, true));
            String status = "defaulted";
            boolean attached = false;
            if (lacpEnabled && carrier && partner.lacp() && (partner.active() || active)) {
                status = "current";
                attached = true;
            }
            members.add(new Member(i.name(), portId, mac, carrier, lacpEnabled ? status : null, attached, false, partner));
        }
        boolean negotiated = lacpEnabled && members.stream().anyMatch(Member::attached);
        List<Member> withEnabled = new ArrayList<>();
        for (Member m : members) {
            boolean enabled;
            if (!lacpEnabled) enabled = m.carrier();
            else if (negotiated) enabled = m.carrier() && m.attached();
            else enabled = fallback && m.carrier();
            withEnabled.add(new Member(m.name(), m.portId(), m.mac(), m.carrier(), m.lacpStatus(), m.attached(), enabled, m.partner()));
        }
        // keep the active member vswitchd recorded (bond_active_slave holds its MAC) while it stays enabled
        String prevMac = port.string("bond_active_slave");
        Member activeMember = withEnabled.stream().filter(m -> m.enabled() && m.mac().equals(prevMac)).findFirst()
                .orElse(withEnabled.stream().filter(Member::enabled).findFirst().orElse(null));
        String sysId = oc.getOrDefault("lacp-system-id", brMac);
        int sysPriority = parseInt(oc.get("lacp-system-priority"), 65534);
        int key = parseInt(oc.get("lacp-aggregation-key"), withEnabled.stream().mapToInt(Member::portId).min().orElse(0));
        int rebalance = parseInt(oc.get("bond-rebalance-interval"), 10000);
        return Optional.of(new Bond(port, br.name(), mode, lacpEnabled, active, fast, negotiated, fallback, withEnabled, activeMember, sysId,
                sysPriority, key, rebalance));
    }

    /** The simulated top-of-rack switch's LACP system id (one per bridge; any fixed locally administered MAC). */
    private static String defaultPartnerSysId(OvsRow br) {
        String u = br.uuid().toString().replace("-", "");
        return "0e:" + u.substring(0, 2) + ":" + u.substring(2, 4) + ":" + u.substring(4, 6) + ":00:01";
    }

    private static int parseInt(String s, int dflt) {
        if (s == null) return dflt;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
