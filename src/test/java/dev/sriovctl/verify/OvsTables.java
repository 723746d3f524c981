package dev.sriovctl.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Open vSwitch tables for a test host, rendered as {@code ovs-vsctl --format=json --data=json list TABLE}
 * prints them: {@code {"data":[[...]],"headings":[...]}} with {@code ["uuid",..]}, {@code ["set",[..]]} and
 * {@code ["map",[[k,v],..]]} cells, as in the real lab captures (ovs/ovs-vsctl-f-json-list-*-ovs3.1-lab.txt),
 * reduced to the columns sriovctl reads.
 */
public final class OvsTables {
    private final Map<String, String> otherConfig = new LinkedHashMap<>();
    private final List<Bridge> bridges = new ArrayList<>();
    private int uuid = 1;
    private int mtu = 1500;

    record Iface(String uuid, String name, String type, int mtu, String linkState) {
    }

    record Port(String uuid, String name, List<Iface> ifaces, String bondMode, String lacp, Map<String, String> otherConfig) {
    }

    record Bridge(String uuid, String name, String datapathType, List<Port> ports) {
    }

    /** The MTU every interface added after this reports (OVS Interface mtu). */
    public OvsTables mtu(int m) {
        this.mtu = m;
        return this;
    }

    public OvsTables otherConfig(String k, String v) {
        otherConfig.put(k, v);
        return this;
    }

    public OvsTables otherConfig(Map<String, String> m) {
        otherConfig.putAll(m);
        return this;
    }

    /** A bridge on the kernel datapath ("system") with its internal port and these plain ports. */
    public OvsTables bridge(String name, String... ports) {
        return bridgeOn("system", name, ports);
    }

    public OvsTables bridgeOn(String datapath, String name, String... ports) {
        List<Port> ps = new ArrayList<>();
        ps.add(port(name, List.of(name), "internal", null, null, Map.of()));
        for (String p : ports) ps.add(port(p, List.of(p), "", null, null, Map.of()));
        bridges.add(new Bridge(id(), name, datapath, ps));
        return this;
    }

    /** A bond port on the last bridge. */
    public OvsTables bond(String name, String mode, String lacp, Map<String, String> otherConfig, String... members) {
        Bridge b = bridges.get(bridges.size() - 1);
        b.ports().add(port(name, List.of(members), "", mode, lacp, otherConfig));
        return this;
    }

    private Port port(String name, List<String> ifaceNames, String type, String mode, String lacp, Map<String, String> oc) {
        List<Iface> ifs = ifaceNames.stream().map(n -> new Iface(id(), n, type, mtu, "up")).toList();
        return new Port(id(), name, ifs, mode, lacp, oc);
    }

    private String id() {
        return String.format("00000000-0000-4000-8000-%012d", uuid++);
    }

    public Map<String, String> render() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Open_vSwitch", table(List.of("_uuid", "bridges", "external_ids", "other_config", "ovs_version"),
                List.of(List.of(uuid(id()), set(bridges.stream().map(Bridge::uuid).toList()), "[\"map\",[]]", map(otherConfig), "\"3.1.0\""))));
        List<List<String>> br = new ArrayList<>(), po = new ArrayList<>(), ifc = new ArrayList<>();
        for (Bridge b : bridges) {
            br.add(List.of(uuid(b.uuid()), "\"" + b.datapathType() + "\"", "[\"map\",[]]", "\"" + b.name() + "\"", "[\"map\",[]]",
                    set(b.ports().stream().map(Port::uuid).toList())));
            for (Port p : b.ports()) {
                po.add(List.of(uuid(p.uuid()), p.bondMode() == null ? "[\"set\",[]]" : "\"" + p.bondMode() + "\"", "[\"map\",[]]",
                        p.ifaces().size() == 1 ? uuid(p.ifaces().get(0).uuid()) : set(p.ifaces().stream().map(Iface::uuid).toList()),
                        p.lacp() == null ? "[\"set\",[]]" : "\"" + p.lacp() + "\"", "\"" + p.name() + "\"", map(p.otherConfig()), "[\"set\",[]]"));
                for (Iface i : p.ifaces()) {
                    ifc.add(List.of(uuid(i.uuid()), "\"up\"", "[\"set\",[]]", "[\"map\",[]]", "\"" + i.linkState() + "\"", String.valueOf(i.mtu()),
                            "[\"set\",[]]", "\"" + i.name() + "\"", "[\"map\",[]]", "\"" + i.type() + "\""));
                }
            }
        }
        out.put("Bridge", table(List.of("_uuid", "datapath_type", "external_ids", "name", "other_config", "ports"), br));
        out.put("Port", table(List.of("_uuid", "bond_mode", "external_ids", "interfaces", "lacp", "name", "other_config", "tag"), po));
        out.put("Interface", table(List.of("_uuid", "admin_state", "error", "external_ids", "link_state", "mtu", "mtu_request", "name", "other_config", "type"), ifc));
        return out;
    }

    private static String table(List<String> headings, List<List<String>> rows) {
        return "{\"data\":[" + rows.stream().map(r -> "[" + String.join(",", r) + "]").collect(Collectors.joining(","))
                + "],\"headings\":[" + headings.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(",")) + "]}\n";
    }

    private static String uuid(String u) {
        return "[\"uuid\",\"" + u + "\"]";
    }

    private static String set(List<String> uuids) {
        return "[\"set\",[" + uuids.stream().map(OvsTables::uuid).collect(Collectors.joining(",")) + "]]";
    }

    private static String map(Map<String, String> m) {
        return "[\"map\",[" + m.entrySet().stream().map(e -> "[\"" + e.getKey() + "\",\"" + e.getValue() + "\"]").collect(Collectors.joining(",")) + "]]";
    }
}
