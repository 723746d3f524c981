package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The state of the simulated ovsdb-server and ovs-vswitchd daemons, and what ovs-vswitchd does after each
 * database change ({@link #reconfigure}): open each Interface's netdev (or record the error), assign
 * OpenFlow port numbers, create the netdevs of internal ports, apply {@code mtu_request}, run the bonds and
 * LACP, and enable the flow-offload API.
 *
 * <p>Offload, as OVS 3.1's lib/netdev-offload.c does it: {@code other_config:hw-offload=true} enables the
 * flow API once per process, whether it is seen at start or later (the lab saw "Flow API Enabled" at
 * runtime), and {@code tc-policy} is read only at that moment; switching hw-offload off, or changing
 * tc-policy, takes effect only after a restart (vswitch.xml: "Changing this value requires restarting the
 * daemon"). So the database and the daemon can disagree, and {@link #flowApiEnabled()} / {@link #tcPolicy()}
 * say what the running daemon really does. {@link #startedWith()} is the Open_vSwitch other_config the process
 * started with.
 */
public final class Vswitchd {
    boolean running;
    boolean ovsdbServerRunning = true;
    Map<String, String> startedWith = Map.of();
    boolean flowApiEnabled;
    String tcPolicy;
    int starts;
    final Map<String, Integer> ofports = new TreeMap<>();       // Interface uuid -> ofport
    final Map<String, Integer> recircIds = new TreeMap<>();     // Port uuid -> recirculation id
    int nextRecircId = 1;
    final Set<String> internalNetdevs = new LinkedHashSet<>();  // netdevs this daemon created

    public boolean running() {
        return running;
    }

    public boolean ovsdbServerRunning() {
        return ovsdbServerRunning;
    }

    /** Whether the running daemon has the TC flow API enabled (false when not running). */
    public boolean flowApiEnabled() {
        return running && flowApiEnabled;
    }

    /** The tc-policy the running daemon uses ("none", "skip_sw", "skip_hw"), or null without the flow API. */
    public String tcPolicy() {
        return flowApiEnabled() ? tcPolicy : null;
    }

    /** Open_vSwitch other_config as it was when the daemon started. */
    public Map<String, String> startedWith() {
        return startedWith;
    }

    public int starts() {
        return starts;
    }

    // ------------------------------------------------------------------ service control

    /** {@code systemctl start openvswitch-switch}: ovsdb-server, then ovs-vswitchd reading the database. */
    public static void start(OvsDatabase db, LinkTable links) {
        Vswitchd v = db.vswitchd();
        v.ovsdbServerRunning = true;
        if (v.running) return;
        v.running = true;
        v.starts++;
        v.flowApiEnabled = false;
        v.tcPolicy = null;
        v.recircIds.clear();
        v.nextRecircId = 1;
        v.startedWith = Map.copyOf(db.openVswitch().map(r -> r.map("other_config")).orElse(Map.of()));
        reconfigure(db, links);
    }

    /** {@code systemctl stop openvswitch-switch}: both daemons exit; internal port netdevs stay (kernel datapath). */
    public static void stop(OvsDatabase db) {
        Vswitchd v = db.vswitchd();
        v.running = false;
        v.ovsdbServerRunning = false;
        v.flowApiEnabled = false;
        v.tcPolicy = null;
    }

    /** {@code systemctl restart openvswitch-switch}: a new ovs-vswitchd process, which reads offload settings afresh. */
    public static void restart(OvsDatabase db, LinkTable links) {
        stop(db);
        start(db, links);
    }

    /** {@code ovs-appctl exit [--cleanup]}: ovs-vswitchd exits; with --cleanup it removes its internal port netdevs. */
    static void exit(OvsDatabase db, LinkTable links, boolean cleanup) {
        Vswitchd v = db.vswitchd();
        v.running = false;
        v.flowApiEnabled = false;
        v.tcPolicy = null;
        if (cleanup) {
            v.internalNetdevs.forEach(links::deleteOvsInternal);
            v.internalNetdevs.clear();
        }
    }

    // ------------------------------------------------------------------ reconfiguration

    /** What ovs-vswitchd does when the database changes (bridge_reconfigure). Nothing when it is not running. */
    public static void reconfigure(OvsDatabase db, LinkTable links) {
        Vswitchd v = db.vswitchd();
        if (!v.running) return;
        OvsRow ovs = db.openVswitch().orElse(null);
        if (ovs == null) return;
        // what ovs-vswitchd records about itself (Debian's build: DPDK not initialized)
        ovs.put("dpdk_version", Datum.of("none"));
        Map<String, String> oc = ovs.map("other_config");
        if ("true".equals(oc.get("hw-offload")) && !v.flowApiEnabled) {
            v.flowApiEnabled = true;
            v.tcPolicy = oc.getOrDefault("tc-policy", "none");
        }

        Set<String> liveIfaces = new LinkedHashSet<>();
        Set<String> wantedInternal = new LinkedHashSet<>();
        for (OvsRow br : db.deref(ovs, "bridges", "Bridge")) {
            Map<Integer, String> used = new TreeMap<>();
            List<OvsRow> ifaces = new ArrayList<>();
            for (OvsRow port : db.deref(br, "ports", "Port")) ifaces.addAll(db.deref(port, "interfaces", "Interface"));
            for (OvsRow i : ifaces) {
                Integer of = v.ofports.get(i.uuid().toString());
                if (of != null && of > 0) used.put(of, i.uuid().toString());
            }
            String brMac = bridgeMac(db, links, br, ifaces);
            for (OvsRow i : ifaces) {
                liveIfaces.add(i.uuid().toString());
                String type = i.string("type");
                boolean internal = "internal".equals(type);
                String error = null;
                if (internal) {
                    String mac = i.name().equals(br.name()) ? brMac : InMemoryLinkTable.macFor(i.uuid().toString());
                    if (!links.exists(i.name())) {
                        links.createOvsInternal(i.name(), mac);
                        v.internalNetdevs.add(i.name());
                    }
                    wantedInternal.add(i.name());
                } else if (type.isEmpty() || type.equals("system")) {
                    if (!links.exists(i.name())) error = "could not open network device " + i.name() + " (No such device)";
                } else if (!List.of("patch", "vxlan", "geneve", "gre", "stt", "lisp", "erspan", "ip6erspan", "ip6gre", "tap",
                        "bareudp", "gtpu", "afxdp", "afxdp-nonpmd", "dpdk", "dpdkvhostuserclient").contains(type)) {
                    // netdev_open(): no provider registered for that type
                    error = "could not open network device " + i.name() + " (Address family not supported by protocol)";
                }
                if (error != null) {
                    v.ofports.remove(i.uuid().toString());
                    clearRuntime(i);
                    i.put("error", Datum.of(error));
                    i.put("ofport", Datum.of(-1L));
                    continue;
                }
                i.put("error", Datum.emptySet());
                Integer of = v.ofports.get(i.uuid().toString());
                if (of == null || of <= 0) {
                    of = i.name().equals(br.name()) ? 65534 : requested(i, used);
                    v.ofports.put(i.uuid().toString(), of);
                    used.put(of, i.uuid().toString());
                }
                i.put("ofport", Datum.of((long) of));
                applyMtu(i, links, ifaces);
                links.link(i.name()).ifPresent(l -> {
                    i.put("admin_state", Datum.of(l.adminUp() ? "up" : "down"));
                    i.put("link_state", Datum.of(l.adminUp() && l.carrier() ? "up" : "down"));
                    i.put("mtu", Datum.of((long) l.mtu()));
                    i.put("mac_in_use", Datum.of(l.mac()));
                    i.put("ifindex", Datum.of((long) l.ifindex()));
                    i.put("duplex", Datum.of("full"));
                    Map<String, String> st = new LinkedHashMap<>();
                    st.put("driver_name", l.driver());
                    i.put("status", Datum.map(st));
                });
            }
            br.put("datapath_id", Datum.of("0000" + brMac.replace(":", "")));
            br.put("datapath_version", Datum.of("netdev".equals(br.string("datapath_type")) ? "<built-in>" : "<unknown>"));
        }
        v.ofports.keySet().retainAll(liveIfaces);
        for (String n : List.copyOf(v.internalNetdevs)) {
            if (!wantedInternal.contains(n)) {
                links.deleteOvsInternal(n);
                v.internalNetdevs.remove(n);
            }
        }
        // bonds and LACP: write what vswitchd writes back (lacp_current, bond_active_slave)
        Set<String> livePorts = new LinkedHashSet<>();
        for (Bonds.Bond b : Bonds.all(db, links)) {
            livePorts.add(b.port().uuid().toString());
            if ("balance-tcp".equals(b.mode())) v.recircIds.computeIfAbsent(b.port().uuid().toString(), k -> v.nextRecircId++);
            b.port().put("bond_active_slave", b.activeMember() == null ? Datum.emptySet() : Datum.of(b.activeMember().mac()));
            for (Bonds.Member m : b.members()) {
                db.iface(m.name()).ifPresent(i -> i.put("lacp_current",
                        b.lacpEnabled() ? Datum.of("current".equals(m.lacpStatus())) : Datum.emptySet()));
            }
        }
        v.recircIds.keySet().retainAll(livePorts);
        ovs.put("cur_cfg", ovs.get("next_cfg"));
    }

    private static void clearRuntime(OvsRow i) {
        for (String c : List.of("admin_state", "link_state", "mtu", "mac_in_use", "ifindex", "duplex", "lacp_current", "link_speed")) {
            i.put(c, Datum.emptySet());
        }
        i.put("status", Datum.emptyMap());
    }

    private static int requested(OvsRow i, Map<Integer, String> used) {
        Long req = i.integer("ofport_request");
        if (req != null && !used.containsKey(req.intValue())) return req.intValue();
        int n = 1;
        while (used.containsKey(n)) n++;
        return n;
    }

    /** mtu_request is applied to the netdev; an internal port without one follows the smallest MTU of the other ports. */
    private static void applyMtu(OvsRow i, LinkTable links, List<OvsRow> bridgeIfaces) {
        Long req = i.integer("mtu_request");
        try {
            if (req != null) {
                links.setMtu(i.name(), req.intValue());
            } else if ("internal".equals(i.string("type"))) {
                Optional<Integer> min = bridgeIfaces.stream().filter(o -> !"internal".equals(o.string("type")))
                        .map(o -> links.link(o.name())).filter(Optional::isPresent).map(o -> o.get().mtu()).min(Integer::compare);
                if (min.isPresent()) links.setMtu(i.name(), min.get());
            }
        } catch (LinkException e) {
            // ovs-vswitchd only logs "failed to set MTU"; the Interface keeps its old mtu
        }
    }

    /**
     * The bridge's MAC (bridge_pick_local_hw_addr): other_config:hwaddr, else the smallest universally
     * administered MAC among its (non-internal) ports, else one derived from the bridge's UUID.
     */
    static String bridgeMac(OvsDatabase db, LinkTable links, OvsRow br, List<OvsRow> ifaces) {
        String hw = br.map("other_config").get("hwaddr");
        if (hw != null) return hw.toLowerCase();
        String best = null;
        for (OvsRow i : ifaces) {
            if ("internal".equals(i.string("type"))) continue;
            Optional<LinkTable.Link> l = links.link(i.name());
            if (l.isEmpty() || l.get().mac() == null) continue;
            String mac = l.get().mac().toLowerCase();
            int first = Integer.parseInt(mac.substring(0, 2), 16);
            if ((first & 0x03) != 0) continue;
            if (best == null || mac.compareTo(best) < 0) best = mac;
        }
        if (best != null) return best;
        String u = br.uuid().toString().replace("-", "");
        int first = (Integer.parseInt(u.substring(0, 2), 16) & 0xfc) | 0x02;
        return String.format("%02x:%s:%s:%s:%s:%s", first, u.substring(2, 4), u.substring(4, 6), u.substring(6, 8), u.substring(8, 10),
                u.substring(10, 12));
    }

    int recircId(UUID port) {
        return recircIds.getOrDefault(port.toString(), -1);
    }

    Vswitchd copy() {
        Vswitchd c = new Vswitchd();
        c.running = running;
        c.ovsdbServerRunning = ovsdbServerRunning;
        c.startedWith = startedWith;
        c.flowApiEnabled = flowApiEnabled;
        c.tcPolicy = tcPolicy;
        c.starts = starts;
        c.ofports.putAll(ofports);
        c.recircIds.putAll(recircIds);
        c.nextRecircId = nextRecircId;
        c.internalNetdevs.addAll(internalNetdevs);
        return c;
    }

    ObjectNode toJson() {
        ObjectNode n = Datum.JSON.objectNode();
        n.put("running", running);
        n.put("ovsdbServerRunning", ovsdbServerRunning);
        n.putPOJO("startedWith", new TreeMap<>(startedWith));
        n.put("flowApiEnabled", flowApiEnabled);
        n.put("tcPolicy", tcPolicy);
        n.put("starts", starts);
        n.putPOJO("ofports", ofports);
        n.putPOJO("recircIds", recircIds);
        n.put("nextRecircId", nextRecircId);
        n.putPOJO("internalNetdevs", List.copyOf(internalNetdevs));
        return n;
    }

    static Vswitchd fromJson(JsonNode n) {
        Vswitchd v = new Vswitchd();
        if (n == null || n.isMissingNode()) return v;
        v.running = n.path("running").asBoolean();
        v.ovsdbServerRunning = n.path("ovsdbServerRunning").asBoolean(true);
        Map<String, String> sw = new TreeMap<>();
        n.path("startedWith").properties().forEach(e -> sw.put(e.getKey(), e.getValue().asText()));
        v.startedWith = Map.copyOf(sw);
        v.flowApiEnabled = n.path("flowApiEnabled").asBoolean();
        v.tcPolicy = n.path("tcPolicy").isTextual() ? n.path("tcPolicy").asText() : null;
        v.starts = n.path("starts").asInt();
        n.path("ofports").properties().forEach(e -> v.ofports.put(e.getKey(), e.getValue().asInt()));
        n.path("recircIds").properties().forEach(e -> v.recircIds.put(e.getKey(), e.getValue().asInt()));
        v.nextRecircId = n.path("nextRecircId").asInt(1);
        n.path("internalNetdevs").forEach(x -> v.internalNetdevs.add(x.asText()));
        return v;
    }
}
