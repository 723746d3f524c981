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

/**
 * Random sequences of ovs-vsctl calls (each a "--" chain of one to three commands) against the real ovs-vsctl
 * and the simulation: same exit code, same stderr, same output (UUIDs masked, rows compared as sorted lines).
 * Skips where Open vSwitch is not installed.
 */
class OvsVsctlDifferentialProperties {

    @Provide
    Arbitrary<List<List<String>>> calls() {
        Arbitrary<String> name = Arbitraries.of("vmbr1", "vmbr2", "bond0", "p1", "p2", "e1", "nope");
        Arbitrary<String> cmd = Arbitraries.oneOf(
                name.map(n -> "add-br " + n),
                name.map(n -> "--may-exist add-br " + n),
                name.map(n -> "del-br " + n),
                name.map(n -> "--if-exists del-br " + n),
                name.map(n -> "add-port vmbr1 " + n),
                name.map(n -> "--may-exist add-port vmbr1 " + n),
                name.map(n -> "add-port vmbr2 " + n + " tag=10"),
                name.map(n -> "del-port " + n),
                name.map(n -> "--if-exists del-port vmbr1 " + n),
                name.map(n -> "del-port vmbr2 " + n),
                name.map(n -> "add-bond vmbr1 " + n + " e1 e2 lacp=active bond_mode=balance-tcp"),
                name.map(n -> "--may-exist --fake-iface add-bond vmbr1 " + n + " e1 e2"),
                name.map(n -> "set Port " + n + " other_config:lacp-fallback-ab=true trunks=1,2"),
                name.map(n -> "--if-exists clear port " + n + " lacp other_config tag"),
                name.map(n -> "set Interface " + n + " mtu_request=9000 type=internal"),
                name.map(n -> "get Port " + n + " tag trunks other_config"),
                name.map(n -> "port-to-br " + n),
                name.map(n -> "iface-to-br " + n),
                name.map(n -> "list-ports " + n),
                name.map(n -> "list-ifaces " + n),
                name.map(n -> "br-exists " + n),
                Arbitraries.of("list-br", "show", "--columns=name,tag,trunks list Port", "-f json --columns=name,ports list Bridge",
                        "set Open_vSwitch . other_config:hw-offload=true", "get Open_vSwitch . other_config:hw-offload",
                        "remove Open_vSwitch . other_config hw-offload", "set Port p1 tag=5000", "add Port p1 tag 7",
                        "clear Port p1 interfaces", "set Bridge vmbr1 name=x", "find Port tag=10", "--bare --columns=name list Interface"));
        return cmd.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 25)
    void randomCallsAnswerLikeTheRealOvsVsctl(@ForAll("calls") List<List<String>> calls) throws Exception {
        RealOvsdb.assumeInstalled();
        OvsDatabase sim = new OvsDatabase("differential");
        OvsVsctl vsctl = new OvsVsctl(sim, new InMemoryLinkTable());
        try (RealOvsdb real = RealOvsdb.start()) {
            for (List<String> chain : calls) {
                List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--no-wait"));
                for (String c : chain) {
                    argv.add("--");
                    argv.addAll(ShellWordsForTest.split(c));
                }
                CommandResult want = real.vsctl(argv);
                CommandResult got = vsctl.run(argv);
                String what = String.join(" ", argv);
                assertThat(got.exitCode()).as(what + "\nreal: " + want.stderr() + "\nsim: " + got.stderr()).isEqualTo(want.exitCode());
                assertThat(OvsVsctlDifferentialTest.mask(got.stderr())).as(what).isEqualTo(OvsVsctlDifferentialTest.mask(want.stderr()));
                assertThat(OvsVsctlDifferentialTest.mask(got.stdout()).lines().sorted().toList()).as(what)
                        .isEqualTo(OvsVsctlDifferentialTest.mask(want.stdout()).lines().sorted().toList());
            }
        }
    }
}
