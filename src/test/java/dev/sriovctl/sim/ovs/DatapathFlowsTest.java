package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dpctl/dump-flows on a kernel-datapath host shaped like the guide's: two mlx5 uplinks in an OVS LACP
 * bond and two VF representors on vmbr1. Formats follow the fixtures
 * ovs/dpctl-dump-flows-m-type-offloaded-yes-dp-tc-kubeovn-doc.txt (offloaded:yes, dp:tc),
 * ovs/dpctl-dump-flows-m-type-tc-mlx5-reps-cx4lx.txt (dp:tc, not in hardware) and
 * ovs/dpctl-dump-flows-m-userspace-dp-balance-tcp-hash-recirc-ovs3.1-lab.txt (hash(l4(0)),recirc).
 */
class DatapathFlowsTest {
    private final InMemoryLinkTable links = new InMemoryLinkTable();
    private final OvsDatabase db = OvsDatabase.installed("flows", "pve1");
    private final OvsVsctl vsctl = new OvsVsctl(db, links);
    private final OvsAppctl appctl = new OvsAppctl(db, links);

    private CommandResult vsctl(String line) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl"));
        argv.addAll(ShellWordsForTest.split(line));
        CommandResult r = vsctl.run(argv);
        assertThat(r.exitCode()).as(line + r.stderr()).isZero();
        return r;
    }

    private String dump(String args) {
        List<String> argv = new ArrayList<>(List.of("ovs-appctl", "dpctl/dump-flows"));
        argv.addAll(ShellWordsForTest.split(args));
        return appctl.run(argv).stdout();
    }

    @BeforeEach
    void host() {
        links.add("enp129s0f0np0", "c4:70:bd:00:00:10", 9978, "mlx5_core", true);
        links.add("enp129s0f1np1", "c4:70:bd:00:00:11", 9978, "mlx5_core", true);
        links.add("ovs-sw1pf0vf0", "02:11:22:33:44:00", 9978, "mlx5e_rep", true);
        links.add("ovs-sw1pf0vf1", "02:11:22:33:44:01", 9978, "mlx5e_rep", true);
        links.add("veth9", "02:11:22:33:44:99", 65535, "veth", false);
        for (String n : links.names()) links.setAdminUp(n, true);
        vsctl("add-br vmbr1 -- add-bond vmbr1 bond1 enp129s0f0np0 enp129s0f1np1 lacp=active bond_mode=balance-tcp "
                + "-- add-port vmbr1 ovs-sw1pf0vf0 -- add-port vmbr1 ovs-sw1pf0vf1 -- add-port vmbr1 veth9");
        db.addTraffic(new TrafficFlow("ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "9e:f3:7d:50:bb:1b", "5e:2a:fd:cc:7e:59", 163, 13692));
        db.addTraffic(new TrafficFlow("ovs-sw1pf0vf0", "bond1", "9e:f3:7d:50:bb:1b", "94:40:c9:c3:67:fb", 20, 2000));
        db.addTraffic(new TrafficFlow("veth9", "ovs-sw1pf0vf1", "02:11:22:33:44:99", "5e:2a:fd:cc:7e:59", 5, 500));
    }

    @Test
    void withoutHwOffloadEverythingStaysInTheOvsDatapath() {
        String all = dump("-m");
        assertThat(all.lines()).allMatch(l -> l.contains(", dp:ovs, "));
        assertThat(dump("-m type=offloaded")).isEmpty();
    }

    @Test
    void representorToRepresentorIsOffloadedOnceVswitchdRunsWithHwOffload() {
        vsctl("set Open_vSwitch . other_config:hw-offload=true other_config:tc-policy=skip_sw");
        assertThat(db.vswitchd().flowApiEnabled()).isTrue();
        String offloaded = dump("-m type=offloaded");
        assertThat(offloaded.lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("ufid:")
                .contains("in_port(ovs-sw1pf0vf0),packet_type(ns=0/0,id=0/0),eth(src=9e:f3:7d:50:bb:1b,dst=5e:2a:fd:cc:7e:59),eth_type(0x0800)")
                .endsWith(", packets:163, bytes:13692, used:0.500s, offloaded:yes, dp:tc, actions:ovs-sw1pf0vf1"));
    }

    @Test
    void aBalanceTcpBondKeepsVfToUplinkTrafficInSoftware() {
        vsctl("set Open_vSwitch . other_config:hw-offload=true");
        String ovs = dump("-m type=ovs");
        assertThat(ovs).contains("actions:hash(l4(0)),recirc(0x1)").contains("recirc_id(0x1),dp_hash(0x");
        assertThat(ovs.lines()).allMatch(l -> l.contains(", dp:ovs, "));
        // an active-backup bond outputs straight to the active member, which TC can offload
        vsctl("set Port bond1 bond_mode=active-backup");
        assertThat(dump("-m type=offloaded")).contains("actions:enp129s0f0np0");
    }

    @Test
    void aNetdevThatCannotOffloadStaysInTcSoftwareOrFallsBackUnderSkipSw() {
        vsctl("set Open_vSwitch . other_config:hw-offload=true");
        assertThat(dump("-m type=tc")).contains("in_port(veth9)").contains("dp:tc, actions:ovs-sw1pf0vf1");
        assertThat(dump("-m type=offloaded")).doesNotContain("veth9");
        vsctl("set Open_vSwitch . other_config:tc-policy=skip_sw");
        assertThat(dump("-m type=tc")).as("tc-policy is read once, when the flow API was enabled").contains("in_port(veth9)");
        Vswitchd.restart(db, links);
        assertThat(dump("-m type=ovs")).contains("in_port(veth9)");
    }

    @Test
    void switchingHwOffloadOffNeedsARestart() {
        vsctl("set Open_vSwitch . other_config:hw-offload=true");
        vsctl("set Open_vSwitch . other_config:hw-offload=false");
        assertThat(db.vswitchd().flowApiEnabled()).as("still enabled in the running process").isTrue();
        assertThat(dump("-m type=offloaded")).isNotEmpty();
        Vswitchd.restart(db, links);
        assertThat(db.vswitchd().flowApiEnabled()).isFalse();
        assertThat(db.vswitchd().startedWith()).containsEntry("hw-offload", "false");
        assertThat(dump("-m type=offloaded")).isEmpty();
    }

    @Test
    void hwOffloadInTheDatabaseWhileVswitchdIsStoppedOffloadsNothing() {
        Vswitchd.exit(db, links, false);
        vsctl("--no-wait set Open_vSwitch . other_config:hw-offload=true");
        assertThat(db.vswitchd().flowApiEnabled()).isFalse();
        Vswitchd.start(db, links);
        assertThat(db.vswitchd().startedWith()).containsEntry("hw-offload", "true");
        assertThat(dump("-m type=offloaded")).contains("offloaded:yes, dp:tc");
    }

    @Test
    void theShortFormNamesPortsByNumber() {
        vsctl("set Open_vSwitch . other_config:hw-offload=true");
        String plain = dump("");
        assertThat(plain).doesNotContain("ufid:").contains("recirc_id(0),in_port(").contains("ipv4(frag=no), packets:163");
    }
}
