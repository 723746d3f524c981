package dev.sriovctl.sim.ifupdown;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.ovs.InMemoryLinkTable;
import dev.sriovctl.sim.ovs.OvsDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimNetworkTest {

    @Test
    void dispatchesTheNetworkCommandsAndSurvivesPersistence() throws Exception {
        InMemoryLinkTable links = new InMemoryLinkTable().add("ens1f0").add("ens1f1").add("pf0vf0");
        TestFiles files = new TestFiles().text("/etc/network/interfaces", """
                auto ens1f0
                iface ens1f0 inet manual
                auto ens1f1
                iface ens1f1 inet manual
                auto vmbr1
                iface vmbr1 inet manual
                    ovs_type OVSBridge
                    ovs_ports bond1 pf0vf0
                auto bond1
                iface bond1 inet manual
                    ovs_type OVSBond
                    ovs_bridge vmbr1
                    ovs_bonds ens1f0 ens1f1
                    ovs_options bond_mode=balance-tcp lacp=active other_config:lacp-fallback-ab=true
                auto pf0vf0
                iface pf0vf0 inet manual
                    ovs_type OVSPort
                    ovs_bridge vmbr1
                """);
        SimNetwork net = new SimNetwork(OvsDatabase.installed("net", "pve1"), links, new Ifupdown2State(), files,
                () -> "2026-01-01T00:00:00Z", () -> 0L);
        CommandResult up = net.run(List.of("/sbin/ifreload", "-a")).orElseThrow();
        assertThat(up.stderr()).isEqualTo("error: ifname bond1 not present in cache\n");
        assertThat(net.run(List.of("ovs-appctl", "bond/show", "bond1")).orElseThrow().stdout()).contains("lacp_status: negotiated");
        assertThat(net.run(List.of("systemctl", "restart", "openvswitch-switch"))).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(net.run(List.of("devlink", "dev"))).isEmpty();

        ObjectMapper json = new ObjectMapper();
        OvsDatabase db = json.readValue(json.writeValueAsString(net.database()), OvsDatabase.class);
        Ifupdown2State state = json.readValue(json.writeValueAsString(net.ifupdown2State()), Ifupdown2State.class);
        assertThat(state.up()).containsKeys("vmbr1", "bond1", "pf0vf0");
        SimNetwork again = new SimNetwork(db, links, state, files, () -> "2026-01-01T00:00:00Z", () -> 0L);
        files.text("/etc/network/interfaces", files.read("/etc/network/interfaces").orElseThrow()
                .replace("ovs_ports bond1 pf0vf0", "ovs_ports bond1").replaceAll("auto pf0vf0[\\s\\S]*", ""));
        again.run(List.of("ifreload", "-a"));
        assertThat(again.run(List.of("ovs-vsctl", "list-ports", "vmbr1")).orElseThrow().stdout()).isEqualTo("bond1\n");
    }
}
