package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.OvsdbTableParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OvsVsctlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON shape of an OVSDB cell: "uuid", "set", "map", or the JSON type of a bare atom. */
    private static String shape(JsonNode cell) {
        if (cell.isArray()) return cell.get(0).asText();
        if (cell.isTextual()) return "string";
        if (cell.isNumber()) return "number";
        if (cell.isBoolean()) return "boolean";
        return cell.getNodeType().toString();
    }

    private static Map<String, String> shapesOf(String listJson, String nameColumn, String name) throws Exception {
        JsonNode root = JSON.readTree(listJson);
        List<String> headings = new ArrayList<>();
        root.get("headings").forEach(h -> headings.add(h.asText()));
        for (JsonNode row : root.get("data")) {
            int idx = headings.indexOf(nameColumn);
            if (idx >= 0 && !row.get(idx).asText().equals(name)) continue;
            Map<String, String> shapes = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headings.size(); i++) shapes.put(headings.get(i), shape(row.get(i)));
            return shapes;
        }
        throw new AssertionError("no row " + name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Open_vSwitch, ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt, _, _",
            "Bridge, ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt, name, vmbr1",
            "Port, ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt, name, bond0",
            "Interface, ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt, name, ens1f0"})
    void listJsonHasTheRealHeadingsAndCellShapes(String table, String fixture, String nameColumn, String name) throws Exception {
        OvsLab lab = new OvsLab();
        lab.linkDown("ens1f1", "tor-p1"); // the captures were taken in the failover state
        String got = lab.ok("--format=json --data=json list " + table).stdout();
        String want = Fixtures.body(fixture);
        assertThat(JSON.readTree(got).get("headings")).isEqualTo(JSON.readTree(want).get("headings"));
        Map<String, String> gotShapes = shapesOf(got, nameColumn, name);
        Map<String, String> wantShapes = shapesOf(want, nameColumn, name);
        // not modelled: link speed, link resets and traffic statistics counters (the LinkTable has none)
        for (String skip : Set.of("link_speed", "link_resets", "statistics")) {
            gotShapes.remove(skip);
            wantShapes.remove(skip);
        }
        assertThat(gotShapes).isEqualTo(wantShapes);
        assertThat(OvsdbTableParser.parse(got)).isNotEmpty();
    }

    @Test
    void theRepositoryParserReadsTheSimulatedTables() {
        OvsLab lab = new OvsLab();
        List<OvsdbTableParser.Row> ports = OvsdbTableParser.parse(lab.ok("--format=json --data=json list Port").stdout());
        OvsdbTableParser.Row bond0 = ports.stream().filter(r -> "bond0".equals(r.string("name"))).findFirst().orElseThrow();
        assertThat(bond0.string("bond_mode")).isEqualTo("balance-tcp");
        assertThat(bond0.string("lacp")).isEqualTo("active");
        assertThat(bond0.map("other_config")).containsEntry("lacp-fallback-ab", "true").containsEntry("lacp-time", "fast");
        assertThat(bond0.set("interfaces")).hasSize(2);
        List<OvsdbTableParser.Row> ifaces = OvsdbTableParser.parse(lab.ok("-f json list Interface pf0vf0").stdout());
        assertThat(ifaces).singleElement().satisfies(i -> {
            assertThat(i.integer("ofport")).isPositive();
            assertThat(i.string("link_state")).isEqualTo("up");
            assertThat(i.string("error")).isNull();
        });
    }

    @Test
    void showOfTheLabHasTheRealStructure() {
        // fixture: ovs/ovs-vsctl-show-ovs3.1-lab-two-bridges-bonds.txt (member order follows UUIDs, so compare sorted lines)
        OvsLab lab = new OvsLab();
        lab.ok("set Open_vSwitch . ovs_version=3.1.0");
        String got = lab.ok("show").stdout();
        String want = Fixtures.body("ovs/ovs-vsctl-show-ovs3.1-lab-two-bridges-bonds.txt");
        List<String> gotLines = new ArrayList<>(got.lines().skip(1).toList());
        List<String> wantLines = new ArrayList<>(want.lines().skip(1).toList());
        // the capture predates pf0vf* on "tor": it holds vmbr1 with 4 VF ports, bond0, and tor with tor-bond and tor-host
        gotLines.sort(String::compareTo);
        wantLines.sort(String::compareTo);
        assertThat(gotLines).isEqualTo(wantLines);
        assertThat(got.lines().findFirst().orElseThrow()).isEqualTo(lab.db.openVswitch().orElseThrow().uuid().toString());
    }

    @Test
    void anInterfaceWithoutNetdevGetsTheKernelErrorAndOfportMinusOneButAddPortExitsZero() {
        // fixture: ovs/ovs-vsctl-show-missing-representor-errors.txt; exit 0 as in the lab (README §2)
        OvsLab lab = new OvsLab();
        lab.ok("set Open_vSwitch . ovs_version=2.17.9");
        lab.ok("add-br br0");
        CommandResult r = lab.vsctl("add-port br0 enp1s0f0npf0vf0 -- add-port br0 enp1s0f1npf1vf0");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("""
                ovs-vsctl: Error detected while setting up 'enp1s0f0npf0vf0': could not open network device enp1s0f0npf0vf0 (No such device).  See ovs-vswitchd log for details.
                ovs-vsctl: Error detected while setting up 'enp1s0f1npf1vf0': could not open network device enp1s0f1npf1vf0 (No such device).  See ovs-vswitchd log for details.
                ovs-vsctl: The default log directory is "/var/log/openvswitch".
                """);
        assertThat(lab.ok("get Interface enp1s0f0npf0vf0 ofport error").stdout())
                .isEqualTo("-1\n\"could not open network device enp1s0f0npf0vf0 (No such device)\"\n");
        String show = lab.ok("show").stdout();
        String br0 = show.substring(show.indexOf("    Bridge br0"));
        br0 = br0.substring(0, br0.indexOf("\n    ", 5) < 0 ? br0.length() : nextTopLevel(br0));
        String want = Fixtures.body("ovs/ovs-vsctl-show-missing-representor-errors.txt");
        List<String> wantLines = new ArrayList<>(want.lines().skip(1).filter(l -> !l.contains("ovs_version")).toList());
        List<String> gotLines = new ArrayList<>(br0.lines().toList());
        wantLines.sort(String::compareTo);
        gotLines.sort(String::compareTo);
        assertThat(gotLines).isEqualTo(wantLines);
    }

    private static int nextTopLevel(String s) {
        int i = s.indexOf("\n    Bridge ", 5);
        int j = s.indexOf("\n    ovs_version", 5);
        int k = i < 0 ? j : (j < 0 ? i : Math.min(i, j));
        return k < 0 ? s.length() : k + 1;
    }

    @Test
    void theNetdevAppearingLaterHealsTheInterface() {
        OvsLab lab = new OvsLab();
        lab.ok("add-port vmbr1 pf0vf4");
        assertThat(lab.ok("get Interface pf0vf4 ofport").stdout()).isEqualTo("-1\n");
        lab.links.add("pf0vf4");
        Vswitchd.reconfigure(lab.db, lab.links);
        assertThat(lab.ok("get Interface pf0vf4 ofport error").stdout()).matches("\\d+\n\\[]\n");
    }

    @Test
    void addBrCreatesTheInternalPortNetdevAndDelBrRemovesIt() {
        OvsLab lab = new OvsLab();
        lab.ok("add-br vmbr9");
        assertThat(lab.links.link("vmbr9")).hasValueSatisfying(l -> assertThat(l.kind()).isEqualTo("openvswitch"));
        lab.ok("del-br vmbr9");
        assertThat(lab.links.exists("vmbr9")).isFalse();
    }

    @Test
    void mtuRequestAboveTheDeviceMaximumLeavesTheOldMtu() {
        OvsLab lab = new OvsLab();
        lab.links.add("rep0", "02:00:00:00:00:10", 9978, "mlx5e_rep", true);
        lab.ok("add-port vmbr1 rep0 -- set Interface rep0 mtu_request=9000");
        assertThat(lab.ok("get Interface rep0 mtu").stdout()).isEqualTo("9000\n");
        lab.ok("set Interface rep0 mtu_request=10000");
        assertThat(lab.ok("get Interface rep0 mtu mtu_request").stdout()).isEqualTo("9000\n10000\n");
    }

    @Test
    void aChangeWhileVswitchdIsDownWaitsUntilTheTimeoutKillsIt() {
        OvsLab lab = new OvsLab();
        Vswitchd.exit(lab.db, lab.links, false);
        CommandResult r = lab.vsctl("--timeout=5 add-br late");
        assertThat(r.exitCode()).isEqualTo(142);
        assertThat(r.stderr()).endsWith("|00002|fatal_signal|WARN|terminating with signal 14 (Alarm clock)\n");
        assertThat(lab.ok("--no-wait br-exists late").exitCode()).as("the transaction was committed").isZero();
        assertThat(lab.vsctl("--timeout=5 --may-exist add-br late").exitCode()).as("no change, no wait").isZero();
    }

    @Test
    void ovsdbServerDownRefusesEveryCommand() {
        OvsLab lab = new OvsLab();
        Vswitchd.stop(lab.db);
        CommandResult r = lab.vsctl("show");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n");
    }

    @Test
    void brExistsExitsTwoWhenAbsent() {
        OvsLab lab = new OvsLab();
        assertThat(lab.vsctl("br-exists nope").exitCode()).isEqualTo(2);
        assertThat(lab.vsctl("br-exists vmbr1").exitCode()).isZero();
    }

    @Test
    void aFailingCommandLeavesTheWholeTransactionUndone() {
        OvsLab lab = new OvsLab();
        String before = lab.db.toJson().toString();
        CommandResult r = lab.vsctl("-- add-br x -- set Open_vSwitch . other_config:hw-offload=true -- del-br nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ovs-vsctl: no bridge named nope\n");
        assertThat(lab.db.toJson().toString()).isEqualTo(before);
    }

    @Test
    void theDatabaseSurvivesAJsonRoundTrip() throws Exception {
        OvsLab lab = new OvsLab();
        lab.db.addTraffic(new TrafficFlow("pf0vf0", "bond0", "02:00:00:00:00:01", "02:00:00:00:00:02", 10, 1000));
        String json = JSON.writeValueAsString(lab.db);
        OvsDatabase back = JSON.readValue(json, OvsDatabase.class);
        assertThat(JSON.writeValueAsString(back)).isEqualTo(json);
        OvsVsctl again = new OvsVsctl(back, lab.links);
        assertThat(again.run(List.of("ovs-vsctl", "list-ports", "vmbr1")).stdout()).isEqualTo("bond0\npf0vf0\npf0vf1\npf0vf2\npf0vf3\n");
    }

    @Test
    void uuidsAreTheSameOnEveryRun() {
        assertThat(new OvsLab().ok("get Bridge vmbr1 _uuid").stdout()).isEqualTo(new OvsLab().ok("get Bridge vmbr1 _uuid").stdout());
    }
}
