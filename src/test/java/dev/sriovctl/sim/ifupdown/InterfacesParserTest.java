package dev.sriovctl.sim.ifupdown;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterfacesParserTest {

    @Test
    void readsTheProxmoxBondFixtureWithUnderscoresNormalised() {
        // fixture: interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt (8-space indentation, header comments)
        TestFiles files = new TestFiles().file("/etc/network/interfaces", Fixtures.path("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"));
        InterfacesParser.Result r = InterfacesParser.parse(files, "/etc/network/interfaces");
        assertThat(r.problems()).isEmpty();
        assertThat(r.stanzas().keySet()).containsExactly("enp129s0f0np0", "enp129s0f1np1", "vmbr1", "bond1");
        Stanza bond = r.stanzas().get("bond1");
        assertThat(bond.auto()).isTrue();
        assertThat(bond.method()).isEqualTo("manual");
        assertThat(bond.first("ovs-type")).isEqualTo("OVSBond");
        assertThat(bond.first("ovs-bonds")).isEqualTo("enp129s0f0np0 enp129s0f1np1");
        assertThat(bond.first("ovs-options")).isEqualTo("lacp=active bond_mode=balance-tcp");
        assertThat(r.stanzas().get("vmbr1").first("address")).isEqualTo("192.168.1.2/24");
    }

    @Test
    void sourceGlobsIncludeEveryFileInOrder() {
        // fixtures: interfaces/proxmox-interfaces.d-ovsport-vf-representors.txt, interfaces/pve-docs-linux-bond-with-ip.txt
        TestFiles files = new TestFiles()
                .text("/etc/network/interfaces", "auto lo\niface lo inet loopback\n\nsource /etc/network/interfaces.d/*\n")
                .file("/etc/network/interfaces.d/a-bond", Fixtures.path("interfaces/pve-docs-linux-bond-with-ip.txt"))
                .file("/etc/network/interfaces.d/vmbr1-vfs.conf", Fixtures.path("interfaces/proxmox-interfaces.d-ovsport-vf-representors.txt"))
                .text("/etc/network/interfaces.d/.hidden", "bogus\n");
        InterfacesParser.Result r = InterfacesParser.parse(files, "/etc/network/interfaces");
        assertThat(r.problems()).isEmpty();
        assertThat(r.stanzas()).containsKeys("lo", "bond0", "vmbr0", "ens13f0r0", "ens13f0r7");
        assertThat(r.stanzas().get("bond0").all("bond-slaves")).containsExactly("eno1 eno2");
        assertThat(r.stanzas().get("ens13f0r3").file()).isEqualTo("/etc/network/interfaces.d/vmbr1-vfs.conf");
        assertThat(r.stanzas().get("eno1").auto()).isFalse();
    }

    @Test
    void iFaceVariableIsReplacedButTheShellFormIsLeftForTheShell() {
        TestFiles files = new TestFiles().text("/etc/network/interfaces",
                "iface vmbr1 inet manual\n    ovs_extra set bridge $IFACE a=1 -- set bridge ${IFACE} b=2\n");
        Stanza s = InterfacesParser.parse(files, "/etc/network/interfaces").stanzas().get("vmbr1");
        assertThat(s.all("ovs-extra")).containsExactly("set bridge vmbr1 a=1 -- set bridge ${IFACE} b=2");
    }

    @Test
    void problemsNameTheFileAndLine() {
        TestFiles files = new TestFiles()
                .text("/etc/network/interfaces", "auto\nsource /etc/network/missing.conf\niface x foo manual\niface y inet\n    lonely\n");
        List<InterfacesParser.Problem> p = InterfacesParser.parse(files, "/etc/network/interfaces").problems();
        assertThat(p).extracting(InterfacesParser.Problem::render).containsExactly(
                "error: /etc/network/interfaces: line1: invalid auto line 'auto'",
                "warning: /etc/network/interfaces: line2: cannot find source file /etc/network/missing.conf",
                "error: /etc/network/interfaces: line3: iface x: unsupported address family 'foo'",
                // ifupdown2 3.0.0 passes a 0-based index for this one, so it names the line above
                "error: /etc/network/interfaces: line4: iface y: invalid syntax 'lonely'");
    }

    @Test
    void backslashContinuesALine() {
        TestFiles files = new TestFiles().text("/etc/network/interfaces",
                "auto vmbr1\niface vmbr1 inet manual\n    ovs_ports bond1 \\\n        pf0vf0\n");
        assertThat(InterfacesParser.parse(files, "/etc/network/interfaces").stanzas().get("vmbr1").first("ovs-ports"))
                .isEqualTo("bond1 pf0vf0");
    }
}
