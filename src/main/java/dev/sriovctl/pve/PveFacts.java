package dev.sriovctl.pve;

import dev.sriovctl.host.Host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Proxmox VE says about one node, as doctor judges it (pve-mapping-matches,
 * vf-single-assignment, vfs-in-use): the cluster's PCI mappings, the node's VMs with their
 * configuration (pending changes applied) and which devices VMs hold right now.
 *
 * @param source       where it came from, for evidence: the PVE API, or pmxcfs files on the host
 * @param node         this node's name in the cluster; entries and VMs of other nodes are not judged
 * @param vms          the VMs of this node; {@code vm().status()} is running, starting, stopped, or null when unknown
 * @param reservations qemu-server's reservations that hold now (left-over ones dropped where that can be told)
 * @param state        whether the VMs' running state is known, and how it was found
 */
public record PveFacts(String source, String node, List<PciMapping> mappings, List<VmUse> vms,
                       List<PciReservations.Reservation> reservations, State state) {

    /** {@code how} is for evidence: "VM status from the PVE API at ...", "running = a pid: line in ...". */
    public record State(boolean known, String how) {
    }

    public PveFacts {
        mappings = List.copyOf(mappings);
        vms = List.copyOf(vms);
        reservations = List.copyOf(reservations);
    }

    /**
     * Reads pmxcfs through the host: {@code /etc/pve/mapping/pci.cfg}, the node's
     * {@code /etc/pve/nodes/<node>/qemu-server/*.conf} and qemu-server's reservations, the same way
     * on a live node (as root), a snapshot and a simulated host. Empty when {@code /etc/pve} is
     * absent: not a Proxmox VE node.
     *
     * @param node the node name, or null for the host's name up to the first dot (PVE's node name)
     * @throws dev.sriovctl.InputException when the node cannot be told or pci.cfg cannot be read
     */
    public static Optional<PveFacts> fromHost(Host host, String node) {
        return PmxcfsReader.read(host, node);
    }

    /** Whether {@link #fromHost} has files to read: the host is a Proxmox VE node (/etc/pve). */
    public static boolean onNode(Host host) {
        return PmxcfsReader.onNode(host);
    }

    /**
     * Asks the API (with a token, any machine): the mappings, the node's VMs and their status; the
     * reservations still come from the host, the only place qemu-server writes them.
     *
     * @param node the node name, or null for the host's name, which must be a node of the cluster
     */
    public static PveFacts fromApi(PveApi api, String node, Host host) {
        String here = NodeResolver.resolve(api, node, host.hostname().orElse(null), host.description());
        List<PciMapping> mappings = ClusterReader.mappings(api);
        List<VmRef> refs = ClusterReader.vms(api).stream().filter(v -> here.equals(v.node())).toList();
        List<String> unreadable = new ArrayList<>();
        List<VmUse> vms = ClusterReader.usesTolerant(api, refs, unreadable);
        String source = "the PVE API at " + api.describe() + (unreadable.isEmpty() ? "" : "; " + String.join("; ", unreadable));
        return new PveFacts(source, here, mappings, vms, PmxcfsReader.holding(host),
                new State(true, "VM status from " + api.describe()));
    }

    /** PCI address -> the VM holding it now. */
    public Map<String, Integer> heldBy() {
        return PciReservations.byDevice(reservations);
    }

    /**
     * The devices among {@code pcis} that a VM of this node assigns in its configuration: by address
     * ({@code hostpciN: host=...}), or through a PCI mapping that lists the device for this node, as the
     * device the VM holds now. A mapping's slot takes whichever listed device is free when the VM starts
     * (proxmox-api-and-vf-lag.md section 2), so for a VM not running it names no particular VF.
     * Templates never start and assign nothing.
     */
    public Set<String> assigned(Collection<String> pcis) {
        Map<String, Integer> held = heldBy();
        Set<String> out = new TreeSet<>();
        for (VmUse u : vms) {
            if (!node.equals(u.vm().node()) || !u.consumes()) continue;
            for (HostPci h : u.config().hostpci()) {
                for (String pci : pcis) {
                    boolean byMapping = h.mapping() != null && Integer.valueOf(u.vm().vmid()).equals(held.get(pci)) && lists(h.mapping(), pci);
                    if (h.covers(pci) || byMapping) out.add(pci);
                }
            }
        }
        return out;
    }

    private boolean lists(String mapping, String pci) {
        return mappings.stream().filter(m -> m.id().equals(mapping))
                .flatMap(m -> m.entriesFor(node).stream()).anyMatch(e -> e.paths().contains(pci));
    }

    /** PCI address -> the VM holding it now, as a person reads it: "VM 104 (db1), running". */
    public Map<String, String> holding() {
        Map<String, String> out = new TreeMap<>();
        heldBy().forEach((pci, vmid) -> out.put(pci, vm(vmid).map(PveFacts::labelWithStatus).orElse("VM " + vmid)));
        return out;
    }

    /**
     * The VM of each of {@code pcis}, for the topology: the VM holding it now, else a VM of this node whose
     * configuration names it by address ({@code hostpciN: host=...}). A mapping slot of a VM that does not run
     * names no particular VF (it takes a free one at start), so it is not shown.
     */
    public Map<String, String> owners(Collection<String> pcis) {
        Map<String, String> held = holding();
        Map<String, String> out = new TreeMap<>();
        for (String pci : pcis) {
            String owner = held.get(pci);
            if (owner == null) {
                owner = vms.stream().filter(u -> node.equals(u.vm().node()) && u.consumes())
                        .filter(u -> u.config().hostpci().stream().anyMatch(h -> h.covers(pci)))
                        .map(PveFacts::labelWithStatus).findFirst().orElse(null);
            }
            if (owner != null) out.put(pci, owner);
        }
        return out;
    }

    private static String labelWithStatus(VmUse u) {
        return u.label() + (u.vm().status() == null ? "" : ", " + u.vm().status());
    }

    public Optional<VmUse> vm(int vmid) {
        return vms.stream().filter(v -> v.vm().vmid() == vmid).findFirst();
    }
}
