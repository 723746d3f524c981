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

    /** The tools of every simulated host (one set per host: the network emulation keeps its loaded state). */
    public static SimTools standard() {
        SimTools t = new SimTools();
        t.register("ip", new IpTool());
        t.register("devlink", new DevlinkTool());
        t.register("udevadm", new UdevadmTool());
        t.register("dmesg", new DmesgTool());
        t.register("ethtool", new EthtoolTool());
        t.register("journalctl", new JournalctlTool());
        t.register("sim-probe", new ProbeTool());
        t.register("tc", new TcTool());
        t.register("mstconfig", new MstconfigTool());
        t.register("modprobe", new ModprobeTool());
        MountTool mount = new MountTool();
        t.register("mount", mount);
        t.register("umount", mount);
        // Open vSwitch and ifupdown2 (packages sim.ovs, sim.ifupdown) over the simulated kernel
        NetworkTool network = new NetworkTool();
        for (String n : NetworkTool.OVS_COMMANDS) t.register(n, network);
        for (String n : NetworkTool.IFUPDOWN2_COMMANDS) t.register(n, network);
        t.register(NetworkTool.TRAFFIC, network);
        t.register("systemctl", new SystemctlTool(network));
        t.network = network;
        return t;
    }

    /** The network emulation, told when the kernel's netdevs change; null in a tool set without it. */
    private NetworkTool network;

    /** After an operation changed the kernel model: ovs-vswitchd reacts to netlink as the real one does. */
    void kernelChanged(SimHost host) {
        if (network != null) network.netdevsChanged(host);
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
