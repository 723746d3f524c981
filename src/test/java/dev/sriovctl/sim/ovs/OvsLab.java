package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology of ../shared/lab/README.md built in the simulation: bridge vmbr1 (netdev datapath) with
 * LACP bond bond0 (ens1f0, ens1f1; active, balance-tcp, lacp-fallback-ab, lacp-time fast) and representor
 * stand-ins pf0vf0..3; partner bridge tor with tor-bond (tor-p0, tor-p1) and tor-host. The members are
 * cabled ens1f0-tor-p0 and ens1f1-tor-p1, so each side's LACP partner is the other bond.
 */
final class OvsLab {
    final InMemoryLinkTable links = new InMemoryLinkTable();
    final OvsDatabase db = OvsDatabase.installed("lab", "ovslab");
    final OvsVsctl vsctl = new OvsVsctl(db, links);
    final OvsAppctl appctl = new OvsAppctl(db, links);

    static final String BOND_OPTS = "lacp=active bond_mode=balance-tcp other_config:lacp-fallback-ab=true other_config:lacp-time=fast";

    OvsLab() {
        for (String n : List.of("ens1f0", "ens1f1", "tor-p0", "tor-p1", "tor-host", "pf0vf0", "pf0vf1", "pf0vf2", "pf0vf3")) {
            links.add(n);
            links.setAdminUp(n, true);
        }
        ok("-- add-br tor -- set Bridge tor datapath_type=netdev -- add-bond tor tor-bond tor-p0 tor-p1 " + BOND_OPTS);
        ok("add-port tor tor-host");
        ok("-- add-br vmbr1 -- set Bridge vmbr1 datapath_type=netdev -- add-bond vmbr1 bond0 ens1f0 ens1f1 " + BOND_OPTS);
        for (int i = 0; i < 4; i++) ok("add-port vmbr1 pf0vf" + i);
        cable("ens1f0", "tor-p0");
        cable("ens1f1", "tor-p1");
    }

    CommandResult vsctl(String line) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl"));
        argv.addAll(ShellWordsForTest.split(line));
        return vsctl.run(argv);
    }

    CommandResult ok(String line) {
        CommandResult r = vsctl(line);
        assertThat(r.exitCode()).as("ovs-vsctl " + line + "\n" + r.stderr()).isZero();
        return r;
    }

    CommandResult appctl(String line) {
        List<String> argv = new ArrayList<>(List.of("ovs-appctl"));
        argv.addAll(ShellWordsForTest.split(line));
        return appctl.run(argv);
    }

    /** Each member's LACP partner is the actor on the other end of its cable (another OVS bond: priority 65534/65535, key 1). */
    void cable(String a, String b) {
        db.setPartner(a, actor(b));
        db.setPartner(b, actor(a));
        Vswitchd.reconfigure(db, links);
    }

    private LacpPartner actor(String member) {
        OvsRow iface = db.iface(member).orElseThrow();
        OvsRow br = db.bridgeOf(db.portOf(iface).orElseThrow()).orElseThrow();
        String mac = db.iface(br.name()).orElseThrow().string("mac_in_use");
        return new LacpPartner(mac, 65534, iface.integer("ofport").intValue(), 65535, 1, true, true, true);
    }

    /** Cable pulled (or the member set down): carrier lost on both ends. */
    void linkDown(String a, String b) {
        links.setCarrier(a, false);
        links.setCarrier(b, false);
        Vswitchd.reconfigure(db, links);
    }

    /** MACs, "next rebalance" times and Recirc-IDs vary from run to run; mask them. */
    static String maskRun(String s) {
        return s.replaceAll("([0-9a-f]{2}:){5}[0-9a-f]{2}", "<mac>")
                .replaceAll("next rebalance: \\d+ ms", "next rebalance: <n> ms")
                .replaceAll("Recirc-ID : \\d+", "Recirc-ID : <n>")
                .replaceAll("port_id: \\d+", "port_id: <n>");
    }
}
