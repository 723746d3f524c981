package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.ForwardingHost;
import dev.sriovctl.sim.SimBuilder;
import dev.sriovctl.sim.SimHost;
import dev.sriovctl.sim.SimOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole host for apply in the lab: the ConnectX NIC, its kernel side and every other file from a
 * simulated host; Open vSwitch, ifupdown2 with /etc/network, ping and the apply journal from the
 * real lab. {@code systemctl} goes to the lab for the Open vSwitch units (a restart restarts the lab's
 * daemons) and to the simulated host for sriovctl's own units. Time is real (the lab's clock).
 *
 * <p>One sysfs attribute goes to the lab: each representor's {@code mtu}. The real ifupdown2 sets it on
 * the lab's veth (the representor stand-in), and Open vSwitch reports that value in its Interface table,
 * from which the planner takes a representor's current MTU; the ifreload step's precondition reads the
 * same netdev's {@code /sys/class/net/X/mtu}, which on a real host agrees with Open vSwitch. Read from
 * the simulated representor it would still say 1500, and any later reload would be refused.
 */
final class SimNicLab extends ForwardingHost implements AutoCloseable {

    static final List<String> LAB_COMMANDS = List.of("ovs-vsctl", "ovs-appctl", "ifup", "ifdown", "ifreload", "ifquery", "ping");
    static final List<String> LAB_PATHS = List.of("/etc/network/interfaces", "/etc/network/interfaces.d", "/var/lib/sriovctl");
    private static final Set<String> OVS_UNITS = Set.of("openvswitch-switch", "ovs-vswitchd", "ovsdb-server");

    private final SimHost sim;
    private final LabHost lab;

    private SimNicLab(SimHost sim, LabHost lab) {
        super(RoutingHost.builder("simulated ConnectX + real Open vSwitch lab").otherwise(sim)
                .commands(lab, LAB_COMMANDS).paths(lab, LAB_PATHS).paths(lab, representorMtus(lab.lab().topology()))
                .clock(lab).build());
        this.sim = sim;
        this.lab = lab;
    }

    static List<String> representorMtus(LabTopology topology) {
        return topology.representors().stream().map(r -> "/sys/class/net/" + r + "/mtu").toList();
    }

    /** A fresh simulated guide host (legacy, no VFs) in {@code dir}, joined to the lab. */
    static SimNicLab create(Path dir, OvsLab lab) {
        return new SimNicLab(SimBuilder.create(dir, SimOptions.defaults("cx6lx-2p")), new LabHost(lab).withDirectory("/var/lib/sriovctl"));
    }

    SimHost sim() {
        return sim;
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        boolean ovsUnit = !argv.isEmpty() && argv.get(0).equals("systemctl")
                && argv.stream().skip(1).anyMatch(a -> OVS_UNITS.contains(a.replaceFirst("\\.service$", "")));
        return ovsUnit ? lab.run(argv, timeout) : super.run(argv, timeout);
    }

    @Override
    public Optional<String> hostname() {
        return sim.hostname();
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public void close() {
        sim.close();
    }
}
