package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.OvsdbTableParser;
import dev.sriovctl.observe.ParseException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open vSwitch of a twin ({@code sim create --from SNAPSHOT}), rebuilt from the captured
 * {@code ovs-vsctl list} tables (kept by {@link SnapshotTwin} under the extension {@code ovs-capture}) by
 * replaying them as ovs-vsctl commands: the Open_vSwitch other_config and external_ids, each bridge with its
 * datapath type, ports, bonds (bond_mode, lacp, tag, other_config) and interfaces (type, mtu_request,
 * options). The simulated ovs-vswitchd then opens the interfaces on the twin's netdevs, so a representor the
 * twin lacks shows the same "could not open network device" as on the captured host. The daemon is restarted
 * at the end: the twin's ovs-vswitchd runs with the settings its database holds (what it ran with on the
 * captured host is not known from the tables). LACP partners are the simulator's default switch.
 */
final class OvsTwin {
    private OvsTwin() {
    }

    /** Seeds Open vSwitch from the captured outputs; without a captured Open_vSwitch table the twin has none. */
    static void seed(SimHost host, JsonNode capture) {
        List<OvsdbTableParser.Row> ovs = table(capture, "Open_vSwitch");
        if (ovs == null || ovs.isEmpty()) return;
        NetworkTool.installOvs(host);
        List<OvsdbTableParser.Row> bridges = orEmpty(table(capture, "Bridge"));
        Map<String, OvsdbTableParser.Row> ports = byUuid(orEmpty(table(capture, "Port")));
        Map<String, OvsdbTableParser.Row> ifaces = byUuid(orEmpty(table(capture, "Interface")));

        OvsdbTableParser.Row root = ovs.get(0);
        List<String> set = new ArrayList<>(List.of("ovs-vsctl", "set", "Open_vSwitch", "."));
        root.map("other_config").forEach((k, v) -> set.add("other_config:" + k + "=" + quote(v)));
        root.map("external_ids").forEach((k, v) -> set.add("external_ids:" + k + "=" + quote(v)));
        if (set.size() > 4) run(host, set);

        for (OvsdbTableParser.Row br : bridges) {
            String name = br.string("name");
            List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-br", name));
            List<String> cols = new ArrayList<>();
            String dp = br.string("datapath_type");
            if (dp != null && !dp.isEmpty()) cols.add("datapath_type=" + dp);
            br.map("other_config").forEach((k, v) -> cols.add("other_config:" + k + "=" + quote(v)));
            br.map("external_ids").forEach((k, v) -> cols.add("external_ids:" + k + "=" + quote(v)));
            String failMode = br.string("fail_mode");
            if (failMode != null && !failMode.isEmpty()) cols.add("fail_mode=" + failMode);
            set(argv, "Bridge", name, cols);
            run(host, argv);
            for (String pu : br.set("ports")) {
                OvsdbTableParser.Row port = ports.get(pu);
                if (port != null) addPort(host, name, port, ifaces);
            }
        }
        run(host, List.of("systemctl", "restart", "openvswitch-switch"));
        // internal ports come up as they were (ifupdown2 or the admin set them up; vswitchd creates them down)
        for (OvsdbTableParser.Row i : ifaces.values()) {
            if ("internal".equals(i.string("type")) && "up".equals(i.string("admin_state"))) {
                run(host, List.of("ip", "link", "set", "dev", i.string("name"), "up"));
            }
        }
    }

    private static void addPort(SimHost host, String bridge, OvsdbTableParser.Row port, Map<String, OvsdbTableParser.Row> ifaces) {
        String name = port.string("name");
        List<OvsdbTableParser.Row> members = new ArrayList<>();
        for (String iu : port.set("interfaces")) if (ifaces.containsKey(iu)) members.add(ifaces.get(iu));
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl"));
        if (!name.equals(bridge)) {
            argv.add("--may-exist");
            if (members.size() > 1) {
                argv.addAll(List.of("add-bond", bridge, name));
                for (OvsdbTableParser.Row i : members) argv.add(i.string("name"));
            } else {
                argv.addAll(List.of("add-port", bridge, name));
            }
        }
        List<String> cols = new ArrayList<>();
        for (String c : List.of("bond_mode", "lacp", "tag")) {
            String v = port.string(c);
            if (v != null && !v.isEmpty()) cols.add(c + "=" + v);
        }
        port.map("other_config").forEach((k, v) -> cols.add("other_config:" + k + "=" + quote(v)));
        port.map("external_ids").forEach((k, v) -> cols.add("external_ids:" + k + "=" + quote(v)));
        set(argv, "Port", name, cols);
        for (OvsdbTableParser.Row i : members) {
            List<String> ic = new ArrayList<>();
            String type = i.string("type");
            if (type != null && !type.isEmpty() && !(name.equals(bridge) && type.equals("internal"))) ic.add("type=" + type);
            Integer mtu = i.integer("mtu_request");
            if (mtu != null) ic.add("mtu_request=" + mtu);
            i.map("options").forEach((k, v) -> ic.add("options:" + k + "=" + quote(v)));
            i.map("external_ids").forEach((k, v) -> ic.add("external_ids:" + k + "=" + quote(v)));
            set(argv, "Interface", i.string("name"), ic);
        }
        if (argv.size() > 1) run(host, argv.get(1).equals("--") ? dropLeading(argv) : argv);
    }

    /** {@code -- set TABLE RECORD col=value...} when there is anything to set. */
    private static void set(List<String> argv, String table, String record, List<String> cols) {
        if (cols.isEmpty()) return;
        argv.addAll(List.of("--", "set", table, record));
        argv.addAll(cols);
    }

    private static List<String> dropLeading(List<String> argv) {
        List<String> out = new ArrayList<>(List.of(argv.get(0)));
        out.addAll(argv.subList(2, argv.size()));
        return out;
    }

    /** An OVSDB string atom as ovs-vsctl reads it: double-quoted, with " and \ escaped. */
    static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void run(SimHost host, List<String> argv) {
        // a captured row the simulator cannot rebuild is left out; discovery of the twin shows the difference
        host.run(argv);
    }

    private static List<OvsdbTableParser.Row> table(JsonNode capture, String table) {
        if (capture == null) return null;
        JsonNode text = capture.get(String.join(" ", CommandCatalog.ovsList(table)));
        if (text == null) return null;
        try {
            return OvsdbTableParser.parse(text.asText());
        } catch (ParseException e) {
            return null;
        }
    }

    private static List<OvsdbTableParser.Row> orEmpty(List<OvsdbTableParser.Row> rows) {
        return rows == null ? List.of() : rows;
    }

    private static Map<String, OvsdbTableParser.Row> byUuid(List<OvsdbTableParser.Row> rows) {
        Map<String, OvsdbTableParser.Row> m = new HashMap<>();
        for (OvsdbTableParser.Row r : rows) m.put(r.string("_uuid"), r);
        return m;
    }
}
