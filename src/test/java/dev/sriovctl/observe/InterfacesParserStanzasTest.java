package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterfacesParserStanzasTest {

    @Test
    void ovsBondAndBridgeStanzasOfTheArticleTheGuideIsBasedOn() {
        List<IfaceStanza> s = InterfacesParser.stanzas("/etc/network/interfaces",
                Fixtures.body("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"));
        assertThat(s).extracting(IfaceStanza::name).containsExactly("enp129s0f0np0", "enp129s0f1np1", "vmbr1", "bond1");
        IfaceStanza bond = s.get(3);
        assertThat(bond.auto()).isTrue();
        assertThat(bond.option("ovs_type")).contains("OVSBond");
        assertThat(bond.words("ovs-bonds")).containsExactly("enp129s0f0np0", "enp129s0f1np1");
        assertThat(bond.option("ovs_options")).contains("lacp=active bond_mode=balance-tcp");
        assertThat(s.get(2).option("address")).contains("192.168.1.2/24");
        assertThat(s.get(2).method()).isEqualTo("static");
    }

    @Test
    void representorPortStanzasWithLeadingComment() {
        List<IfaceStanza> s = InterfacesParser.stanzas("/etc/network/interfaces.d/ovs-sw1.conf",
                Fixtures.body("interfaces/proxmox-interfaces.d-ovs-sw1-renamed-representors.txt"));
        assertThat(s).hasSize(4).allSatisfy(x -> {
            assertThat(x.option("ovs_bridge")).contains("vmbr1");
            assertThat(x.option("ovs_mtu")).contains("9000");
        });
        assertThat(s.get(0).name()).isEqualTo("ovs-sw1pf0vf0");
    }

    @Test
    void tabIndentedWriterOutputAndLinuxBonds() {
        List<IfaceStanza> s = InterfacesParser.stanzas("i", Fixtures.body("interfaces/pve-writer-ovs-bond-intport-bridge-pve-common-test.txt"));
        assertThat(s).extracting(IfaceStanza::name).containsExactly("ovsintvlan", "bond1", "vmbr6");
        assertThat(s.get(1).option("ovs_options")).contains("bond_mode=active-backup");
        List<IfaceStanza> l = InterfacesParser.stanzas("i", Fixtures.body("interfaces/pve-docs-linux-bond-lacp-as-bridge-port.txt"));
        IfaceStanza bond0 = l.stream().filter(x -> x.name().equals("bond0")).findFirst().orElseThrow();
        assertThat(bond0.option("bond_mode")).contains("802.3ad");
        assertThat(bond0.words("bond-slaves")).containsExactly("eno1", "eno2");
        assertThat(l.stream().filter(x -> x.name().equals("eno1")).findFirst().orElseThrow().auto()).isFalse();
    }
}
