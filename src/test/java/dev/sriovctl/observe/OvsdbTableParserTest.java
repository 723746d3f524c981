package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OvsdbTableParserTest {

    private static OvsdbTableParser.Row named(List<OvsdbTableParser.Row> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.string("name"))).findFirst().orElseThrow();
    }

    @Test
    void bondPortsWithModeLacpAndOtherConfig() {
        List<OvsdbTableParser.Row> ports = OvsdbTableParser.parse(Fixtures.body("ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt"));
        OvsdbTableParser.Row bond0 = named(ports, "bond0");
        assertThat(bond0.string("bond_mode")).isEqualTo("balance-tcp");
        assertThat(bond0.string("lacp")).isEqualTo("active");
        assertThat(bond0.map("other_config")).containsExactlyInAnyOrderEntriesOf(Map.of("lacp-fallback-ab", "true", "lacp-time", "fast"));
        assertThat(bond0.set("interfaces")).hasSize(2);
        OvsdbTableParser.Row vf = named(ports, "pf0vf1");
        assertThat(vf.set("interfaces")).hasSize(1); // a one-element set is written as the bare uuid
        assertThat(vf.string("bond_mode")).isNull();
        assertThat(vf.integer("tag")).isNull();
    }

    @Test
    void openVswitchRowHasVersionAndOtherConfig() {
        OvsdbTableParser.Row ov = OvsdbTableParser.parse(Fixtures.body("ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt")).get(0);
        assertThat(ov.string("ovs_version")).isEqualTo("3.1.0");
        assertThat(ov.map("other_config")).containsEntry("userspace-tso-enable", "true");
        assertThat(ov.bool("dpdk_initialized")).isFalse();
        assertThat(ov.set("bridges")).hasSize(2);
    }

    @Test
    void interfacesWithMtuLinkStateAndType() {
        List<OvsdbTableParser.Row> ifs = OvsdbTableParser.parse(Fixtures.body("ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt"));
        assertThat(named(ifs, "ens1f1").string("link_state")).isEqualTo("down");
        assertThat(named(ifs, "ens1f0").integer("mtu")).isEqualTo(1500);
        assertThat(named(ifs, "vmbr1").string("type")).isEqualTo("internal");
        assertThat(named(ifs, "ens1f0").string("type")).isEmpty();
        assertThat(named(ifs, "ens1f0").string("error")).isNull();
    }

    @Test
    void bridgesWithDatapathTypeAndPorts() {
        List<OvsdbTableParser.Row> br = OvsdbTableParser.parse(Fixtures.body("ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt"));
        assertThat(named(br, "vmbr1").string("datapath_type")).isEqualTo("netdev");
        assertThat(named(br, "vmbr1").set("ports")).hasSizeGreaterThan(4);
    }

    @Test
    void testFixtureWrappedAcrossLinesStillParses() {
        List<OvsdbTableParser.Row> br = OvsdbTableParser.parse(Fixtures.body("ovs/ovs-vsctl-f-json-list-bridge-charm-helpers-test.txt"));
        assertThat(br).extracting(r -> r.string("name")).containsExactly("br-test", "br-int");
        assertThat(named(br, "br-test").map("external_ids")).containsEntry("charm-ovn-chassis", "managed");
        assertThat(named(br, "br-int").string("fail_mode")).isEqualTo("secure");
        assertThat(named(br, "br-int").map("other_config")).containsEntry("disable-in-band", "true");
        assertThat(named(br, "br-test").set("protocols")).containsExactly("OpenFlow10", "OpenFlow13", "OpenFlow14");
    }
}
