package dev.sriovctl.sim.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same ovs-vsctl argv against the real ovs-vsctl 3.1 (a private ovsdb-server, no ovs-vswitchd, hence
 * --no-wait) and against the simulation: exit code, stderr and stdout must agree once UUIDs and timestamps
 * are masked (row and set-member order follow random UUIDs in the real database, so stdout is compared as
 * sorted lines, JSON tables as sorted rows). Skips where Open vSwitch is not installed.
 */
class OvsVsctlDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scenarios: one ovs-vsctl command line per line (after "ovs-vsctl --no-wait"), blank line between scenarios. */
    static final String SCENARIOS = """
            init
            add-br vmbr1
            add-br vmbr1
            --may-exist add-br vmbr1
            del-br nope
            --if-exists del-br nope
            br-exists nope
            br-exists vmbr1
            list-br
            show

            add-br br0 -- add-port br0 p1 -- add-br br1
            del-port br1 p1
            -- add-port br0 p2 -- add-port br0 p2
            list-ports br0
            add-port nope p2
            del-port br0 nope
            del-port nope
            --if-exists del-port br0 nope -- --if-exists del-br nope
            add-port br0 br0
            add-port br0 br1
            add-br p1
            del-port br0 br0
            port-to-br br0
            iface-to-br br0
            port-to-br p1
            iface-to-br p1
            list-ifaces br0
            list-ifaces nope
            list-ports nope
            --may-exist add-port br0 p1
            --may-exist add-port br1 p1
            del-br br1 -- del-br br1
            list-br

            add-br vmbr1
            add-bond vmbr1 bond0 a
            add-bond vmbr1 bond0 a b lacp=active bond_mode=balance-tcp other_config:lacp-fallback-ab=true
            add-bond vmbr1 bond1 a c
            add-bond vmbr1 b2 x y=1
            --fake-iface add-bond vmbr1 bond2 e1 e2
            --may-exist add-bond vmbr1 bond0 a b
            --may-exist add-bond vmbr1 bond0 a c
            list-ifaces vmbr1
            get Port bond0 bond_mode lacp other_config:lacp-fallback-ab bond_fake_iface
            get Port bond2 bond_fake_iface
            list Port bond0
            -f json list Port bond0
            --format=json --data=json --columns=name,other_config,trunks,tag,interfaces list Port
            --columns=name,bond_mode list Port
            --bare --columns=name,other_config list Port
            -f table --columns=name,bond_mode,lacp list Port
            --with-iface del-port a
            list-ifaces vmbr1
            --with-iface del-port nothere

            init
            get Open_vSwitch . other_config:hw-offload
            get Open_vSwitch . other_config
            get Open_vSwitch . nosuch
            get Open_vSwitch x bridges
            set Open_vSwitch . other_config:hw-offload=true other_config:tc-policy=skip_sw
            get Open_vSwitch . other_config
            get Open_vSwitch . other_config:nosuch
            --if-exists get Open_vSwitch . other_config:nosuch
            remove Open_vSwitch . other_config hw-offload
            get Open_vSwitch . other_config
            set Open_vSwitch . ovs_version=3.1.0 external_ids:system-id="lab-89d2b1a1" external_ids:hostname=ovslab other_config:x="a b" other_config:y=- other_config:z=9
            get Open_vSwitch . external_ids other_config ovs_version
            --columns=ovs_version,external_ids list Open_vSwitch
            set Open_vSwitch . other_config:
            set Open_vSwitch . other_config:k
            set Open_vSwitch . other_config
            set Open_vSwitch .
            get Open_vSwitch . other_config:k:x
            clear Open_vSwitch . other_config external_ids
            get Open_vSwitch . other_config external_ids
            set Open_vSwitch . other_config={a=b,c="d e"}
            get Open_vSwitch . other_config
            set Open_vSwitch . other_config={a}
            set Open_vSwitch . other_config={a=}
            set Open_vSwitch . other_config={a=b
            set Open_vSwitch . other_config={a=b}x
            set Open_vSwitch . other_config=[]
            set Open_vSwitch . other_config=a=b
            get Open_vSwitch . other_config
            remove Open_vSwitch . other_config a=x
            remove Open_vSwitch . other_config a=b
            get Open_vSwitch . other_config

            add-br br0 -- add-port br0 p1 -- add-port br0 p3 tag=10 other_config:foo="a b" -- set Interface p3 type=internal
            --columns=name,tag,other_config list Port p3
            set Bridge br0 name=foo
            clear Bridge br0 name
            clear Port p3 name
            set Port p3 name=
            set Port p3 tag=
            set Port p3 tag=[]
            set Port p3 trunks=1,2
            get Port p3 trunks
            set Port p3 trunks=[3,4]
            get Port p3 trunks
            set Port p3 trunks=1-3
            get Port p3 trunks
            set Port p3 trunks=[1,1]
            set Port p3 trunks=[1,,2]
            set Port p3 trunks=5000
            set Port p3 tag=5000
            set Port p3 tag=abc
            set Port p3 tag=[5,6]
            set Port p3 vlan_mode=[trunk,access]
            set Port p3 bond_mode=foo
            set Port p3 lacp=foo
            set Port p3 nosuch=1
            set Port p3 tag:x=1
            add Port p3 tag 5
            add Port p3 tag 6
            get Port p3 tag
            remove Port p3 tag 7
            remove Port p3 name p3
            remove Port p3 bond_downdelay 0
            set Interface p1 mtu_request=9000
            set Interface p1 mtu_request=x
            set Interface p1 mtu_request=0
            set Interface p1 ofport_request=70000
            set Bridge br0 datapath_type=netdev fail_mode=secure
            set Bridge br0 fail_mode=bad
            set Bridge br0 stp_enable=maybe
            clear Bridge br0 fail_mode nosuch
            clear Port p1 interfaces
            set Port p1 interfaces=[]
            set Port p1 qos=abc
            --if-exists clear port nope lacp
            clear port nope lacp
            set Port p1 external_ids:a="x\\"y"
            get Port p1 external_ids:a
            set Interface p1 mac="aa:bb"
            get Interface p1 mac
            set Interface p1 mac=aa:bb
            show
            find Port tag=5
            --columns=name find Port tag=5
            --columns=name find Port other_config:foo="a b"
            find Port tag
            --columns=name list Interf
            --columns=name list i
            --columns=name list br
            get Port p1 nam
            get Port p1 bond_
            --columns=bogus list Port p1
            list Nope
            list Bridge nope
            get Bridge . name

            -- --may-exist add-br vmbr1 -- set bridge vmbr1 datapath_type=netdev
            -- --may-exist --fake-iface add-bond vmbr1 bond0 ens1f0 ens1f1 -- --if-exists clear port bond0 bond_active_slave bond_mode cvlans external_ids lacp mac other_config qos tag trunks vlan_mode -- --if-exists clear interface bond0 mtu_request external-ids other_config options -- set Port bond0 bond_mode=balance-tcp lacp=active other_config:lacp-fallback-ab=true other_config:lacp-time=fast -- set Interface ens1f0 mtu_request=9000 -- set Interface ens1f1 mtu_request=9000
            -- --may-exist add-port vmbr1 pf0vf0 -- --if-exists clear port pf0vf0 bond_active_slave bond_mode cvlans external_ids lacp mac other_config qos tag trunks vlan_mode -- --if-exists clear interface pf0vf0 mtu_request external-ids other_config options
            add-port vmbr1 tap1
            list-ports vmbr1
            -- --may-exist add-br vmbr1 -- set bridge vmbr1 datapath_type=netdev other_config:mac-aging-time=600 -- --if-exists del-port vmbr1 tap1 -- --if-exists clear bridge vmbr1 auto_attach controller external-ids fail_mode flood_vlans ipfix mirrors netflow other_config protocols sflow -- --if-exists clear interface vmbr1 mtu_request external-ids other_config options -- set bridge vmbr1 other_config:mcast-snooping-aging-time=300 -- set Interface vmbr1 mtu_request=9000
            get Bridge vmbr1 other_config datapath_type
            list-ports vmbr1
            get Port bond0 other_config bond_fake_iface
            -- --may-exist --fake-iface add-bond vmbr1 bond0 ens1f1 ens1f0
            -- --may-exist --fake-iface add-bond vmbr1 bond0 ens1f1 ens1f2
            -- --may-exist add-port vmbr2 pf0vf0
            -- --if-exists del-port vmbr1 pf0vf0 -- del-br vmbr1
            list-br

            frobnicate

            add-br

            add-br a b c d

            --bogus list-br

            --timeout=abc list-br

            --format=xml list-br

            --may-exist list-br

            list-br -- --if-exists --if-exists del-br x

            list-br -- --bogus del-br x

            list-br -- nope

            --

            list-br -- -- list-br

            --oneline list-br -- add-br x -- list-br -- list-ports x
            """;

    @TestFactory
    Stream<DynamicTest> simulationAnswersLikeTheRealOvsVsctl() {
        RealOvsdb.assumeInstalled();
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (String scenario : SCENARIOS.split("\n\n")) {
            List<String> lines = scenario.lines().filter(l -> !l.isBlank()).toList();
            int id = ++n;
            tests.add(DynamicTest.dynamicTest("scenario " + id + ": " + lines.get(0), () -> runScenario(lines)));
        }
        return tests.stream();
    }

    private static void runScenario(List<String> lines) throws Exception {
        OvsDatabase sim = new OvsDatabase("differential");
        sim.vswitchd().ovsdbServerRunning = true;
        OvsVsctl vsctl = new OvsVsctl(sim, new InMemoryLinkTable());
        try (RealOvsdb real = RealOvsdb.start()) {
            for (String line : lines) {
                List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--no-wait"));
                argv.addAll(ShellWordsForTest.split(line));
                CommandResult want = real.vsctl(argv);
                CommandResult got = vsctl.run(argv);
                String what = "ovs-vsctl " + line;
                assertThat(got.exitCode()).as(what + "\nreal stderr: " + want.stderr()).isEqualTo(want.exitCode());
                assertThat(mask(got.stderr())).as(what).isEqualTo(mask(want.stderr()));
                assertSameOutput(what, mask(got.stdout()), mask(want.stdout()));
            }
        }
    }

    static String mask(String s) {
        return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<ts>");
    }

    private static void assertSameOutput(String what, String got, String want) throws Exception {
        if (got.equals(want)) return;
        if (want.startsWith("{\"data\"")) {
            assertThat(sortedRows(got)).as(what).isEqualTo(sortedRows(want));
            return;
        }
        assertThat(got.lines().sorted().toList()).as(what + "\n--- sim:\n" + got + "--- real:\n" + want).isEqualTo(want.lines().sorted().toList());
    }

    private static List<String> sortedRows(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        List<String> rows = new ArrayList<>();
        n.get("data").forEach(r -> rows.add(r.toString()));
        rows.sort(String::compareTo);
        rows.add(n.get("headings").toString());
        return rows;
    }
}
