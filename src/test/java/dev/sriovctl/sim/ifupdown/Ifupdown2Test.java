package dev.sriovctl.sim.ifupdown;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.ovs.InMemoryLinkTable;
import dev.sriovctl.sim.ovs.OvsDatabase;
import dev.sriovctl.sim.ovs.OvsRow;
import dev.sriovctl.sim.ovs.OvsVsctl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ifupdown2 3.0.0 semantics on the simulated OVS: stanzas from ../shared/fixtures/interfaces read in place,
 * small stanzas of our own where a behaviour needs isolating (lab/README.md §6 describes what the real one did).
 */
class Ifupdown2Test {
    private final InMemoryLinkTable links = new InMemoryLinkTable();
    private final OvsDatabase db = OvsDatabase.installed("ifupdown", "pve1");
    private final OvsVsctl vsctl = new OvsVsctl(db, links);
    private final List<List<String>> executed = new ArrayList<>();
    private final TestFiles files = new TestFiles();
    private final Ifupdown2State state = new Ifupdown2State();
    private final Ifupdown2 ifupdown2 = new Ifupdown2(files, links, argv -> {
        executed.add(argv);
        return vsctl.run(argv);
    }, state, () -> dev.sriovctl.sim.ovs.Vswitchd.reconfigure(db, links));

    private CommandResult run(String... argv) {
        return ifupdown2.run(List.of(argv));
    }

    private String vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl"));
        argv.addAll(List.of(args));
        CommandResult r = vsctl.run(argv);
        assertThat(r.exitCode()).as(String.join(" ", args) + r.stderr()).isZero();
        return r.stdout();
    }

    private void nics(String... names) {
        for (String n : names) links.add(n, "c4:70:bd:00:00:" + String.format("%02x", links.names().size()), 9978, "mlx5_core", true);
    }

    private OvsRow port(String name) {
        return db.port(name).orElseThrow(() -> new AssertionError("no OVS port " + name));
    }

    @Test
    void theGuideHostsBondAndRepresentorsComeUpAndTheOvsBondCacheQuirkExitsOne() {
        // fixtures: interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt + interfaces/proxmox-interfaces.d-ovs-sw1-renamed-representors.txt
        nics("enp129s0f0np0", "enp129s0f1np1", "ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3");
        files.text("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n")
                .file("/etc/network/interfaces.d/cx6lx", Fixtures.path("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"))
                .file("/etc/network/interfaces.d/ovs-sw1", Fixtures.path("interfaces/proxmox-interfaces.d-ovs-sw1-renamed-representors.txt"));
        CommandResult r = run("ifup", "-a");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: ifname bond1 not present in cache\n");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond1\novs-sw1pf0vf0\novs-sw1pf0vf1\novs-sw1pf0vf2\novs-sw1pf0vf3\n");
        assertThat(port("bond1").string("bond_mode")).isEqualTo("balance-tcp");
        assertThat(port("bond1").string("lacp")).isEqualTo("active");
        assertThat(port("bond1").bool("bond_fake_iface")).isTrue();
        assertThat(vsctl("get", "Interface", "enp129s0f0np0", "mtu_request", "mtu")).isEqualTo("9000\n9000\n");
        assertThat(vsctl("get", "Interface", "vmbr1", "mtu_request")).isEqualTo("9000\n");
        assertThat(links.link("vmbr1")).hasValueSatisfying(l -> {
            assertThat(l.addresses()).containsExactly("192.168.1.2/24");
            assertThat(l.adminUp()).isTrue();
        });
        assertThat(links.link("enp129s0f1np1").orElseThrow().adminUp()).isTrue();
        // one ovs-vsctl transaction per interface, built as the addons build it
        assertThat(executed).contains(List.of("/usr/bin/ovs-vsctl", "--", "--may-exist", "--fake-iface", "add-bond", "vmbr1", "bond1",
                "enp129s0f0np0", "enp129s0f1np1", "--", "--if-exists", "clear", "port", "bond1", "bond_active_slave", "bond_mode", "cvlans",
                "external_ids", "lacp", "mac", "other_config", "qos", "tag", "trunks", "vlan_mode", "--", "--if-exists", "clear", "interface",
                "bond1", "mtu_request", "external-ids", "other_config", "options", "--", "set", "Port", "bond1", "lacp=active",
                "bond_mode=balance-tcp", "--", "set", "Interface", "enp129s0f0np0", "mtu_request=9000", "--", "set", "Interface",
                "enp129s0f1np1", "mtu_request=9000"));
    }

    @Test
    void proxmoxWrittenOvsIntPortBondAndBridgeApply() {
        // fixture: interfaces/pve-writer-ovs-bond-intport-bridge-pve-common-test.txt
        nics("eth4", "eth5");
        files.file("/etc/network/interfaces", Fixtures.path("interfaces/pve-writer-ovs-bond-intport-bridge-pve-common-test.txt"));
        CommandResult r = run("ifup", "-a");
        assertThat(r.stderr()).isEqualTo("error: ifname bond1 not present in cache\n");
        assertThat(vsctl("get", "Port", "ovsintvlan", "tag")).isEqualTo("14\n");
        assertThat(vsctl("get", "Interface", "ovsintvlan", "type", "mtu_request")).isEqualTo("internal\n1300\n");
        assertThat(links.link("ovsintvlan")).as("vswitchd created the internal port's netdev").isPresent();
        assertThat(vsctl("get", "Port", "bond1", "bond_mode")).isEqualTo("active-backup\n");
        assertThat(vsctl("get", "Interface", "eth4", "mtu_request")).isEqualTo("1300\n");
        assertThat(vsctl("get", "Interface", "vmbr6", "mtu_request")).isEqualTo("1400\n");
    }

    private static final String LAB_STYLE = """
            auto ens1f0
            iface ens1f0 inet manual

            auto ens1f1
            iface ens1f1 inet manual

            auto vmbr1
            iface vmbr1 inet static
                address 198.18.0.1/24
                ovs_type OVSBridge
                ovs_ports bond0 pf0vf0 pf0vf1
                ovs_options datapath_type=netdev other_config:mac-aging-time=600
                ovs_extra set bridge ${IFACE} other_config:mcast-snooping-aging-time=300

            auto bond0
            iface bond0 inet manual
                ovs_type OVSBond
                ovs_bridge vmbr1
                ovs_bonds ens1f0 ens1f1
                ovs_options bond_mode=balance-tcp lacp=active other_config:lacp-fallback-ab=true other_config:lacp-time=fast

            auto pf0vf0
            iface pf0vf0 inet manual
                ovs_type OVSPort
                ovs_bridge vmbr1

            auto pf0vf1
            iface pf0vf1 inet manual
                ovs_type OVSPort
                ovs_bridge vmbr1
            """;

    private void labStyle() {
        nics("ens1f0", "ens1f1", "pf0vf0", "pf0vf1", "tap100i0");
        files.text("/etc/network/interfaces", LAB_STYLE);
        assertThat(run("ifup", "-a").stderr()).isEqualTo("error: ifname bond0 not present in cache\n");
    }

    @Test
    void reloadWipesBridgeOptionsOtherConfigButKeepsOvsExtraAndPortOptions() {
        labStyle();
        assertThat(vsctl("get", "Bridge", "vmbr1", "other_config"))
                .isEqualTo("{mac-aging-time=\"600\", mcast-snooping-aging-time=\"300\"}\n");
        vsctl("set", "Port", "bond0", "other_config:set-by-hand=1");
        CommandResult r = run("ifreload", "-a");
        assertThat(r.exitCode()).isEqualTo(1);
        // ifupdown2 #344: set bridge <ovs_options>, then clear ... other_config, then ovs_extra
        assertThat(vsctl("get", "Bridge", "vmbr1", "other_config", "datapath_type"))
                .isEqualTo("{mcast-snooping-aging-time=\"300\"}\nnetdev\n");
        assertThat(port("bond0").map("other_config")).containsOnlyKeys("lacp-fallback-ab", "lacp-time");
    }

    @Test
    void reloadDeletesPortsNotListedUnlessCondoned() {
        labStyle();
        vsctl("add-port", "vmbr1", "tap100i0");
        run("ifreload", "-a");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond0\npf0vf0\npf0vf1\n");

        files.text("/etc/network/interfaces", LAB_STYLE.replace("    ovs_type OVSBridge\n",
                "    ovs_type OVSBridge\n    ovs_ports_condone_regex ^tap\n"));
        vsctl("add-port", "vmbr1", "tap100i0");
        run("ifreload", "-a");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond0\npf0vf0\npf0vf1\ntap100i0\n");
    }

    @Test
    void anInterfaceRemovedFromTheFileIsTakenDownOnReload() {
        labStyle();
        files.text("/etc/network/interfaces", LAB_STYLE.replace("bond0 pf0vf0 pf0vf1", "bond0 pf0vf0")
                .substring(0, LAB_STYLE.indexOf("auto pf0vf1")));
        executed.clear();
        run("ifreload", "-a");
        assertThat(executed.get(0)).containsExactly("/usr/bin/ovs-vsctl", "--", "--if-exists", "del-port", "vmbr1", "pf0vf1");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond0\npf0vf0\n");
        assertThat(links.link("pf0vf1").orElseThrow().adminUp()).isFalse();
        assertThat(state.up()).doesNotContainKey("pf0vf1");
    }

    @Test
    void ifdownAllLeavesTheBridgeAndBondButIfdownBridgeDeletesIt() {
        labStyle();
        run("ifdown", "-a");
        assertThat(vsctl("list-br")).isEqualTo("vmbr1\n");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond0\n");
        run("ifup", "-a");
        CommandResult r = run("ifdown", "vmbr1");
        assertThat(r.exitCode()).isZero();
        assertThat(vsctl("list-br")).isEmpty();
    }

    @Test
    void linuxBondOfTheDocsBecomesAKernelBondUnderALinuxBridge() {
        // fixture: interfaces/pve-docs-linux-bond-lacp-as-bridge-port.txt
        nics("eno1", "eno2");
        links.add("lo", "00:00:00:00:00:00", 65536, "", false);
        files.file("/etc/network/interfaces", Fixtures.path("interfaces/pve-docs-linux-bond-lacp-as-bridge-port.txt"));
        CommandResult r = run("ifup", "-a");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(links.link("bond0")).hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo("bond"));
        assertThat(links.link("eno1").orElseThrow().master()).isEqualTo("bond0");
        assertThat(links.link("eno2").orElseThrow().adminUp()).isTrue();
        assertThat(links.link("bond0").orElseThrow().master()).isEqualTo("vmbr0");
        assertThat(links.link("vmbr0").orElseThrow().addresses()).containsExactly("10.10.10.2/24");
    }

    @Test
    void aLinuxBondAsOvsPortIsCreatedThenAdded() {
        nics("enp129s0f0np0", "enp129s0f1np1");
        files.text("/etc/network/interfaces", """
                auto vmbr1
                iface vmbr1 inet manual
                    ovs_type OVSBridge
                    ovs_ports bond0

                auto bond0
                iface bond0 inet manual
                    bond-slaves enp129s0f0np0 enp129s0f1np1
                    bond-mode 802.3ad
                    bond-miimon 100
                    bond-xmit-hash-policy layer3+4
                    bond-lacp-rate fast
                    ovs_type OVSPort
                    ovs_bridge vmbr1
                """);
        CommandResult r = run("ifup", "-a");
        assertThat(r.stderr()).isEmpty();
        assertThat(links.link("bond0").orElseThrow().kind()).isEqualTo("bond");
        assertThat(vsctl("list-ports", "vmbr1")).isEqualTo("bond0\n");
        assertThat(vsctl("get", "Interface", "bond0", "ofport")).isNotEqualTo("-1\n");
    }

    @Test
    void aFailingOvsVsctlIsReportedAsIfupdown2ReportsIt() {
        nics("p1");
        files.text("/etc/network/interfaces", "auto p1\niface p1 inet manual\n    ovs_type OVSPort\n    ovs_bridge nobr\n");
        CommandResult r = run("ifup", "p1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: cmd '/usr/bin/ovs-vsctl -- --may-exist add-port nobr p1 -- --if-exists clear port p1 "
                + "bond_active_slave bond_mode cvlans external_ids lacp mac other_config qos tag trunks vlan_mode -- --if-exists clear "
                + "interface p1 mtu_request external-ids other_config options' failed: returned 1 (ovs-vsctl: no bridge named nobr\n)\n");
    }

    @Test
    void parseProblemsNameFileAndLineAndFailTheRunWhileTheRestIsConfigured() {
        nics("eth0");
        // lines inside a stanza are attributes whatever they say; these two stand outside any stanza
        files.text("/etc/network/interfaces", """
                bogus line here
                source-directory /etc/network/interfaces.d
                auto eth0
                iface eth0 inet manual
                    mtu 9000
                iface eth1 inet6 sometimes
                """);
        CommandResult r = run("ifup", "-a");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("""
                error: /etc/network/interfaces: line1: error processing line 'bogus line here'
                error: /etc/network/interfaces: line2: error processing line 'source-directory /etc/network/interfaces.d'
                error: /etc/network/interfaces: line6: iface eth1: unsupported address method 'sometimes'
                """);
        assertThat(links.link("eth0").orElseThrow().mtu()).isEqualTo(9000);
    }

    @Test
    void ifreloadNeedsAllOrCurrentlyUp() {
        CommandResult r = run("ifreload");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("one of the arguments -a/--all -c/--currently-up is required");
    }

    @Test
    void ifdownOfAnInterfaceNeverUpIsRefused() {
        labStyle();
        CommandResult r = run("ifdown", "eth9");
        assertThat(r.stderr()).isEqualTo("error: cannot find interfaces: eth9 (interface was probably never up ?)\n");
    }

    @Test
    void aSecondReloadOfAFullyListedBridgeChangesNothing() {
        labStyle();
        run("ifreload", "-a");
        // next_cfg still moves: the port clear empties bond_active_slave, which vswitchd then writes back (as on a real host)
        String before = ((com.fasterxml.jackson.databind.node.ObjectNode) db.toJson().path("tables")).without("Open_vSwitch").toString();
        run("ifreload", "-a");
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) db.toJson().path("tables")).without("Open_vSwitch").toString())
                .isEqualTo(before);
    }

    @Test
    void portsAttachedOnlyThroughOvsBridgeAreDeletedAndReAddedOnEveryReload() {
        // interfaces/proxmox-interfaces.d-ovsport-vf-representors.txt: vmbr1's ovs_ports lists only bond1, the
        // representors join through ovs_bridge; each reload removes them, then their own stanzas add them back
        nics("enp129s0f0np0", "enp129s0f1np1", "ens13f0r0", "ens13f0r1", "ens13f0r2", "ens13f0r3", "ens13f0r4", "ens13f0r5",
                "ens13f0r6", "ens13f0r7");
        files.text("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n")
                .file("/etc/network/interfaces.d/bond", Fixtures.path("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"))
                .file("/etc/network/interfaces.d/vmbr1-vfs.conf", Fixtures.path("interfaces/proxmox-interfaces.d-ovsport-vf-representors.txt"));
        run("ifup", "-a");
        String uuid = vsctl("get", "Port", "ens13f0r0", "_uuid");
        executed.clear();
        run("ifreload", "-a");
        assertThat(executed.get(1)).contains("del-port", "ens13f0r0");
        assertThat(vsctl("list-ports", "vmbr1").lines()).hasSize(9);
        assertThat(vsctl("get", "Port", "ens13f0r0", "_uuid")).as("a new Port row").isNotEqualTo(uuid);
    }

    @Test
    void changingTheMembersOfAnOvsBondIsRefusedByMayExist() {
        // "--may-exist add-bond" with other members fails in ovs-vsctl; ifreload reports it (the bond must be recreated)
        labStyle();
        links.add("ens1f2");
        files.text("/etc/network/interfaces", LAB_STYLE.replace("ovs_bonds ens1f0 ens1f1", "ovs_bonds ens1f0 ens1f2"));
        CommandResult r = run("ifreload", "-a");
        assertThat(r.stderr()).contains("(ovs-vsctl: \"--may-exist --fake-iface add-bond vmbr1 bond0 ens1f0 ens1f2\" but bond0 actually has "
                + "interface(s) ens1f0, ens1f1\n)");
    }
}
