package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;
import dev.sriovctl.sim.ifupdown.ConfigFiles;
import dev.sriovctl.sim.ifupdown.Ifupdown2State;
import dev.sriovctl.sim.ifupdown.SimNetwork;
import dev.sriovctl.sim.ovs.OvsDatabase;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Plugs the Open vSwitch and ifupdown2 emulations ({@link SimNetwork}) into a simulated host:
 * {@code ovs-vsctl}, {@code ovs-appctl}, {@code ifup}, {@code ifdown}, {@code ifreload} and
 * {@code systemctl} for the Open vSwitch units, over the host's kernel ({@link KernelLinks}) and its
 * {@code /etc/network} files. The OVS database and ifupdown2's state are kept in the host's
 * extension state ("ovs", "ifupdown2"), so they persist with it; a host made before has Open vSwitch
 * installed, empty, as on a Proxmox VE host with openvswitch-switch.
 */
final class NetworkTool implements SimTool {

    static final String OVS = "ovs";
    static final String IFUPDOWN2 = "ifupdown2";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Simulated time 0, for the daemons' log lines. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private static final Set<String> VSCTL_READS = Set.of("get", "list", "show", "list-br", "list-ports", "list-ifaces",
            "br-exists", "port-to-br", "iface-to-br", "find", "br-to-vlan", "br-to-parent", "br-get-external-id");
    private static final Set<String> APPCTL_READS = Set.of("bond/show", "lacp/show", "version", "dpctl/dump-flows", "bond/list",
            "lacp/show-stats", "coverage/show", "list-commands", "dpif/show", "fdb/show");

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        SimNetwork net = network(host);
        CommandResult r = net.run(argv).orElseGet(() -> new CommandResult(argv, 127, "", argv.get(0) + ": command not found\n"));
        // the real vswitchd follows netlink: a change (a port brought up by ifupdown2 after its add-port) shows in
        // its interface status; the simulated one looks again after every changing command
        if (mutates(argv)) net.netdevsChanged();
        save(host, net);
        return r;
    }

    static SimNetwork network(SimHost host) {
        try {
            JsonNode o = host.extension(OVS);
            JsonNode i = host.extension(IFUPDOWN2);
            OvsDatabase db = o == null ? OvsDatabase.installed(host.hostname().orElse("sim"), host.hostname().orElse("sim"))
                    : JSON.treeToValue(o, OvsDatabase.class);
            Ifupdown2State st = i == null ? new Ifupdown2State() : JSON.treeToValue(i, Ifupdown2State.class);
            long micros = host.state().clockMicros;
            return new SimNetwork(db, new KernelLinks(host.kernel()), st, ConfigFiles.of(host),
                    () -> EPOCH.plusNanos(micros * 1000).toString(), () -> micros / 1000);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HostException("the simulated host's Open vSwitch state cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    static void save(SimHost host, SimNetwork net) {
        host.setExtension(OVS, JSON.valueToTree(net.database()));
        host.setExtension(IFUPDOWN2, JSON.valueToTree(net.ifupdown2State()));
    }

    @Override
    public boolean mutates(List<String> argv) {
        String prog = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        List<String> words = argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
        return switch (prog) {
            case "ovs-vsctl" -> words.isEmpty() || !VSCTL_READS.contains(words.get(0));
            case "ovs-appctl" -> words.isEmpty() || !APPCTL_READS.contains(words.get(0));
            default -> true;
        };
    }
}
