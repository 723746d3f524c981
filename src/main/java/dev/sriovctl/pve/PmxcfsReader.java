package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link PveFacts} from pmxcfs files through the {@link Host} seam, for doctor on a node
 * without a token (root can read /etc/pve), on a snapshot and on a simulated host.
 */
final class PmxcfsReader {
    private PmxcfsReader() {
    }

    static final String ROOT = "/etc/pve";
    static final String MAPPINGS = "/etc/pve/mapping/pci.cfg";
    /** qemu-server's pid files (Helpers.pm {@code pidfile_name}: {@code /var/run/qemu-server/<vmid>.pid}; /var/run is /run). */
    static final String PID_DIR = "/run/qemu-server";

    /** Whether the host is a Proxmox VE node (pmxcfs mounted at /etc/pve, or recorded by capture). */
    static boolean onNode(Host host) {
        return host.isDirectory(ROOT);
    }

    static Optional<PveFacts> read(Host host, String explicitNode) {
        if (!onNode(host)) return Optional.empty();
        String node = explicitNode != null ? explicitNode : host.hostname().map(NodeResolver::shortName)
                .orElseThrow(() -> new InputException(SourceLocation.of(host.description()),
                        "cannot tell which Proxmox VE node this is: the host's name is unknown", "give --node NAME"));
        String dir = CommandCatalog.pveVmConfigDir(node);
        if (!host.isDirectory(dir)) {
            List<String> nodes = host.list(CommandCatalog.PVE_NODES);
            throw new InputException(SourceLocation.of(host.originOfFile(dir)), nodes.isEmpty()
                    ? "is missing and " + ROOT + " holds no nodes/: pmxcfs (the pve-cluster service) is not mounted"
                    + (host.mutable() ? "" : ", or the snapshot was captured by a sriovctl that did not record VM configurations")
                    : "is missing: '" + node + "' is not a node of this cluster (nodes: " + String.join(", ", nodes) + ")",
                    nodes.isEmpty() ? "start pve-cluster (systemctl start pve-cluster), or capture again" : "give --node NAME");
        }
        List<PciMapping> mappings = host.read(MAPPINGS).map(t -> PciCfgParser.parse(t, host.originOfFile(MAPPINGS))).orElse(List.of());
        boolean known = host.exists(PciReservations.PATH);
        List<PciReservations.Reservation> holding = holding(host);
        List<VmUse> vms = vmsOf(host, node, (vmid, c) -> status(vmid, c, holding, known));
        String source = host.originOfFile(ROOT) + " (mapping/pci.cfg, nodes/" + node + "/qemu-server/*.conf)";
        return Optional.of(new PveFacts(source, node, mappings, vms, holding, state(host, known)));
    }

    /**
     * The VMs of every other node from pmxcfs (it holds the whole cluster's configurations), their running state
     * unknown (null): qemu-server's reservations are on their own node. For {@code pve status} without the API.
     */
    static List<VmUse> otherNodesVms(Host host, String thisNode) {
        List<VmUse> vms = new ArrayList<>();
        for (String node : host.list(CommandCatalog.PVE_NODES)) {
            if (!node.equals(thisNode)) vms.addAll(vmsOf(host, node, (vmid, c) -> null));
        }
        return vms;
    }

    /** A node's VM configurations ({@code nodes/<node>/qemu-server/<vmid>.conf}), each with the status given. */
    private static List<VmUse> vmsOf(Host host, String node, java.util.function.BiFunction<Integer, VmConfig, String> status) {
        String dir = CommandCatalog.pveVmConfigDir(node);
        List<VmUse> vms = new ArrayList<>();
        for (String name : host.list(dir)) {
            int vmid = QemuConfigParser.vmidOf(name);
            if (vmid < 0) continue;
            Optional<String> text = host.read(dir + "/" + name);
            if (text.isEmpty()) continue;
            VmConfig c = QemuConfigParser.parse(vmid, node, text.get());
            vms.add(new VmUse(new VmRef(vmid, node, c.name(), status.apply(vmid, c), c.template()), c));
        }
        return vms;
    }

    /**
     * The reservations that hold now. qemu-server counts a {@code pid:} line only while that VM's
     * QEMU runs with that pid ({@code reserve_pci_usage} via Helpers.pm {@code vm_running_locally}:
     * the pid file names it and {@code /proc/<pid>/stat} shows a live, non-zombie process; the
     * QEMU command-line check is left out here), and a {@code time:} line until it expires. A
     * snapshot has neither the processes nor the clock of the host, so there every line is taken
     * as holding.
     */
    static List<PciReservations.Reservation> holding(Host host) {
        List<PciReservations.Reservation> all = PciReservations.entries(host.read(PciReservations.PATH).orElse(null));
        if (!host.mutable()) return all;
        long now = System.currentTimeMillis() / 1000;
        return all.stream().filter(r -> r.pid() != null ? alive(host, r.vmid(), r.pid()) : r.until() > now).toList();
    }

    private static boolean alive(Host host, int vmid, long pid) {
        Optional<String> pidFile = host.read(PID_DIR + "/" + vmid + ".pid").map(String::strip);
        if (pidFile.isEmpty() || !pidFile.get().equals(Long.toString(pid))) return false;
        Optional<String> stat = host.read("/proc/" + pid + "/stat");
        if (stat.isEmpty()) return false;
        String s = stat.get();
        int close = s.lastIndexOf(')');
        return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) != 'Z';
    }

    /** running (a pid reservation), starting (a time one), stopped (a VM with hostpci holding none), or unknown. */
    private static String status(int vmid, VmConfig c, List<PciReservations.Reservation> holding, boolean known) {
        if (holding.stream().anyMatch(r -> r.vmid() == vmid && r.pid() != null)) return "running";
        if (holding.stream().anyMatch(r -> r.vmid() == vmid)) return "starting";
        return known && !c.hostpci().isEmpty() ? "stopped" : null;
    }

    private static PveFacts.State state(Host host, boolean known) {
        if (!known) return new PveFacts.State(false, "running state unknown: " + PciReservations.PATH + " is not on " + host.description());
        String file = host.originOfFile(PciReservations.PATH);
        return new PveFacts.State(true, host.mutable()
                ? "running = a pid: line in " + file + " whose QEMU process runs (" + PID_DIR + "/<vmid>.pid, /proc/<pid>/stat)"
                : "running = a pid: line in " + file + " (the QEMU process cannot be checked on " + host.description() + ", so each is taken as running)");
    }
}
