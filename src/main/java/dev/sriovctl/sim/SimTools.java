package dev.sriovctl.sim;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commands a simulated host has, by name: argv[0] (or its last path component, so
 * {@code /usr/sbin/devlink} from a udev RUN+= finds {@code devlink}) selects the handler.
 */
public final class SimTools {

    private final Map<String, SimTool> byName = new TreeMap<>();

    /**
     * The tools of every simulated host. Integration point: the Open vSwitch and ifupdown2 emulations
     * (packages {@code sim.ovs}, {@code sim.ifupdown}) register their commands here, e.g.
     * {@code t.register("ovs-vsctl", ...)}, {@code "ovs-appctl"}, {@code "ovs-dpctl"}, {@code "ifreload"},
     * {@code "ifup"}, {@code "ifdown"}, {@code "ifquery"}.
     */
    public static SimTools standard() {
        SimTools t = new SimTools();
        t.register("ip", new IpTool());
        t.register("devlink", new DevlinkTool());
        t.register("udevadm", new UdevadmTool());
        t.register("dmesg", new DmesgTool());
        t.register("ethtool", new EthtoolTool());
        t.register("journalctl", new JournalctlTool());
        t.register("sim-probe", new ProbeTool());
        NetworkTool network = new NetworkTool();
        for (String n : java.util.List.of("ovs-vsctl", "ovs-appctl", "ifup", "ifdown", "ifreload")) t.register(n, network);
        t.register("systemctl", new SystemctlTool());
        t.register("modprobe", new ModprobeTool());
        return t;
    }

    public void register(String name, SimTool tool) {
        byName.put(name, tool);
    }

    public Optional<SimTool> find(String argv0) {
        String name = argv0.substring(argv0.lastIndexOf('/') + 1);
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
