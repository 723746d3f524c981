package dev.sriovctl.sim;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of sysfs writes and commands against a simulated host; after every step the
 * model holds its invariants: sriov_numvfs within sriov_totalvfs and equal to the virtfn links; one
 * representor per VF in switchdev and none in legacy; no two netdevs share a name; no netdev is
 * nameless; the kernel log only grows.
 */
class SimStatefulTest {

    private static final List<String> PFS = List.of("0000:81:00.0", "0000:81:00.1");
    private static final List<String> NAMES = List.of("eth0", "eth5", "uplink", "enp129s0f1np1", "rep0", "ovs-sw1pf0vf0");

    /** The host under test and what the invariants compare with. */
    static final class World {
        final Path dir;
        final SimHost host;
        List<String> log = List.of();

        World() {
            try {
                dir = Files.createTempDirectory("sim-stateful");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            host = SimBuilder.create(dir.resolve("host"), SimOptions.defaults("cx6lx-2p"));
            log = host.kernelLog();
        }

        void dispose() {
            host.close();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary folder
            }
        }

        List<String> netdevs() {
            return host.list("/sys/class/net");
        }

        @Override
        public String toString() {
            return "sim " + dir;
        }
    }

    @Property(tries = 20)
    void theModelKeepsItsInvariants(@ForAll("chains") ActionChain<World> chain) {
        World[] last = new World[1];
        try {
            chain.withInvariant("invariants", w -> {
                last[0] = w;
                check(w);
            }).run();
        } finally {
            if (last[0] != null) last[0].dispose();
        }
    }

    private static void check(World w) {
        SimHost h = w.host;
        for (String pf : PFS) {
            String dir = "/sys/bus/pci/devices/" + pf;
            int total = Integer.parseInt(h.read(dir + "/sriov_totalvfs").orElseThrow().strip());
            int num = Integer.parseInt(h.read(dir + "/sriov_numvfs").orElseThrow().strip());
            assertThat(num).isBetween(0, total);
            long virtfns = h.list(dir).stream().filter(n -> n.startsWith("virtfn")).count();
            assertThat(virtfns).isEqualTo(num);
            String mode = h.run(List.of("devlink", "dev", "eswitch", "show", "pci/" + pf)).orElseThrow().stdout();
            if (!h.exists(dir + "/driver")) continue;
            long reps = h.list(dir + "/net").stream()
                    .filter(n -> h.read("/sys/class/net/" + n + "/phys_port_name").map(s -> s.startsWith("pf")).orElse(false))
                    .count();
            assertThat(reps).as("representors of %s (%s)", pf, mode.strip()).isEqualTo(mode.contains("mode switchdev") ? num : 0);
        }
        List<String> names = w.netdevs();
        Set<String> unique = new HashSet<>(names);
        assertThat(unique).hasSameSizeAs(names).doesNotContain("");
        assertThat(names).hasSameSizeAs(h.kernel().links());
        for (Link l : h.kernel().links()) assertThat(l.name()).isNotBlank();
        List<String> log = h.kernelLog();
        assertThat(log.size()).isGreaterThanOrEqualTo(w.log.size());
        assertThat(log.subList(0, w.log.size())).isEqualTo(w.log);
        w.log = log;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(numvfs())
                .withAction(mode())
                .withAction(driver())
                .withAction(rename())
                .withAction(upDown())
                .withAction(rules())
                .withAction(trigger())
                .withAction(portLink())
                .withAction(bond())
                .withAction(vfMac())
                .withMaxTransformations(20);
    }

    private static Arbitrary<String> pf() {
        return Arbitraries.of(PFS);
    }

    private static Action.Independent<World> numvfs() {
        return () -> Combinators.combine(pf(), Arbitraries.of("0", "1", "2", "4", "8", "9", "abc", "0x3", "", "-1"))
                .as((pf, v) -> Transformer.mutate("echo " + v + " > " + pf + "/sriov_numvfs",
                        w -> w.host.echo("/sys/bus/pci/devices/" + pf + "/sriov_numvfs", v)));
    }

    private static Action.Independent<World> mode() {
        return () -> Combinators.combine(pf(), Arbitraries.of("legacy", "switchdev"))
                .as((pf, m) -> Transformer.mutate("devlink " + pf + " mode " + m,
                        w -> w.host.run(List.of("devlink", "dev", "eswitch", "set", "pci/" + pf, "mode", m))));
    }

    private static Action.Independent<World> driver() {
        return () -> Combinators.combine(Arbitraries.of("0000:81:00.2", "0000:81:00.3", "0000:81:01.2", "0000:81:00.1"),
                        Arbitraries.of("unbind mlx5_core", "bind mlx5_core", "override vfio-pci", "probe", "clear override"))
                .as((pci, op) -> Transformer.mutate(op + " " + pci, w -> {
                    switch (op) {
                        case "unbind mlx5_core" -> w.host.echo("/sys/bus/pci/drivers/mlx5_core/unbind", pci);
                        case "bind mlx5_core" -> w.host.echo("/sys/bus/pci/drivers/mlx5_core/bind", pci);
                        case "override vfio-pci" -> w.host.echo("/sys/bus/pci/devices/" + pci + "/driver_override", "vfio-pci");
                        case "clear override" -> w.host.echo("/sys/bus/pci/devices/" + pci + "/driver_override", "");
                        default -> w.host.echo("/sys/bus/pci/drivers_probe", pci);
                    }
                }));
    }

    private static Action.Dependent<World> rename() {
        return w -> Combinators.combine(Arbitraries.of(w.netdevs()), Arbitraries.of(NAMES))
                .as((from, to) -> Transformer.mutate("ip link set " + from + " name " + to,
                        x -> x.host.run(List.of("ip", "link", "set", from, "name", to))));
    }

    private static Action.Dependent<World> upDown() {
        return w -> Combinators.combine(Arbitraries.of(w.netdevs()), Arbitraries.of("up", "down"))
                .as((n, s) -> Transformer.mutate("ip link set " + n + " " + s, x -> x.host.run(List.of("ip", "link", "set", n, s))));
    }

    private static Action.Independent<World> rules() {
        return () -> Arbitraries.of(
                        "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_port_name}==\"pf*vf*\", NAME=\"rep-$attr{phys_port_name}\"\n",
                        "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_port_name}==\"pf0vf*\", NAME=\"ovs-sw1pf0vf0\"\n",
                        "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"0000:81:00.0\", NAME=\"enp129s0f1np1\"\n",
                        "")
                .map(text -> Transformer.mutate("rules: " + text.strip(), w -> w.host.writeFile("/etc/udev/rules.d/70-x.rules",
                        text.getBytes(StandardCharsets.UTF_8), 0644)));
    }

    private static Action.Independent<World> trigger() {
        return () -> Arbitraries.of("net", "pci").map(s -> Transformer.mutate("udevadm trigger --action=add -s " + s,
                w -> w.host.run(List.of("udevadm", "trigger", "--action=add", "--subsystem-match=" + s))));
    }

    private static Action.Independent<World> portLink() {
        return () -> Combinators.combine(pf(), Arbitraries.of(true, false))
                .as((pf, up) -> Transformer.mutate("port " + pf + (up ? " up" : " down"), w -> w.host.setPortLink(pf, up)));
    }

    private static Action.Independent<World> bond() {
        return () -> Arbitraries.of("add", "enslave0", "enslave1", "delete").map(op -> Transformer.mutate("bond " + op, w -> {
            switch (op) {
                case "add" -> w.host.run(List.of("ip", "link", "add", "bond0", "type", "bond", "mode", "802.3ad"));
                case "delete" -> w.host.run(List.of("ip", "link", "delete", "bond0"));
                default -> {
                    List<String> pfs = new ArrayList<>();
                    for (Link l : w.host.kernel().links()) if (l.kind().equals("pf")) pfs.add(l.name());
                    int i = op.endsWith("0") ? 0 : 1;
                    if (i < pfs.size()) w.host.run(List.of("ip", "link", "set", pfs.get(i), "master", "bond0"));
                }
            }
        }));
    }

    private static Action.Dependent<World> vfMac() {
        return w -> Combinators.combine(Arbitraries.of(w.netdevs()), Arbitraries.integers().between(0, 3))
                .as((n, vf) -> Transformer.mutate("ip link set " + n + " vf " + vf + " mac",
                        x -> x.host.run(List.of("ip", "link", "set", n, "vf", String.valueOf(vf), "mac", "c4:70:ff:ff:ff:e" + vf))));
    }
}
