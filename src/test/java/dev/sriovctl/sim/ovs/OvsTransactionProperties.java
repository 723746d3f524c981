package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A "--" chain of ovs-vsctl commands is one transaction: when any command fails, nothing of it is committed. */
class OvsTransactionProperties {

    @Provide
    Arbitrary<String> command() {
        Arbitrary<String> name = Arbitraries.of("vmbr1", "vmbr2", "bond0", "p1", "p2", "pf0vf0", "nope");
        return Arbitraries.oneOf(
                name.map(n -> "add-br " + n),
                name.map(n -> "--may-exist add-br " + n),
                name.map(n -> "del-br " + n),
                name.map(n -> "--if-exists del-br " + n),
                name.map(n -> "add-port vmbr1 " + n),
                name.map(n -> "del-port " + n),
                name.map(n -> "add-bond vmbr1 " + n + " e1 e2 lacp=active"),
                name.map(n -> "set Port " + n + " tag=10 other_config:k=v"),
                name.map(n -> "set Interface " + n + " mtu_request=9000"),
                Arbitraries.of("set Open_vSwitch . other_config:hw-offload=true", "remove Open_vSwitch . other_config hw-offload",
                        "set Port bond0 bond_mode=balance-tcp", "set Port p1 tag=5000", "clear Port p1 interfaces",
                        "add Port p1 tag 7", "set Bridge vmbr1 name=x", "get Port nope tag"));
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return command().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> failing() {
        return Arbitraries.of("del-br nope", "set Port p1 tag=5000", "clear Port vmbr1 interfaces", "set Bridge vmbr1 name=x",
                "add-port nope x", "frobnicate", "get Open_vSwitch . other_config:nosuch", "add-bond vmbr1 b x");
    }

    @Property(tries = 100)
    void aFailingChainLeavesTheDatabaseUnchanged(@ForAll("commands") List<String> setup, @ForAll("commands") List<String> chain,
                                                 @ForAll("failing") String bad, @ForAll boolean badFirst) {
        InMemoryLinkTable links = new InMemoryLinkTable();
        OvsDatabase db = OvsDatabase.installed("prop", "h");
        OvsVsctl vsctl = new OvsVsctl(db, links);
        for (String s : setup) vsctl.run(argv(List.of(s)));
        String before = db.toJson().toString();
        List<String> cmds = new ArrayList<>(chain);
        if (badFirst) cmds.add(0, bad);
        else cmds.add(bad);
        CommandResult r = vsctl.run(argv(cmds));
        if (r.exitCode() != 0) {
            assertThat(db.toJson().toString()).isEqualTo(before);
            assertThat(r.stderr()).contains("ovs-vsctl: ");
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Property(tries = 50)
    void everyCommittedStateIsAValidDatabase(@ForAll("commands") List<String> cmds) {
        InMemoryLinkTable links = new InMemoryLinkTable();
        OvsDatabase db = OvsDatabase.installed("prop2", "h");
        OvsVsctl vsctl = new OvsVsctl(db, links);
        for (String c : cmds) vsctl.run(argv(List.of(c)));
        assertThat(ServerChecks.violation(db)).isNull();
        for (OvsRow p : db.rows("Port")) assertThat(db.bridgeOf(p)).as("no orphan port " + p).isPresent();
    }

    private static List<String> argv(List<String> cmds) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl"));
        for (String c : cmds) {
            argv.add("--");
            argv.addAll(ShellWordsForTest.split(c));
        }
        return argv;
    }
}
