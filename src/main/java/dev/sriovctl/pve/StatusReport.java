package dev.sriovctl.pve;

import java.util.List;

/**
 * {@code sriovctl pve status}: per mapping and node, its VFs, which VMs use it, how many are free.
 *
 * @param localNode the node of the host sriovctl looked at (its VFs show drivers and holders), or null
 */
public record StatusReport(String via, String localNode, List<Mapping> mappings) {

    public record Mapping(String id, String description, List<Node> nodes, List<String> problems) {
    }

    /** @param free entries minus slots of VMs on the node (negative: oversubscribed) */
    public record Node(String node, int vfs, int used, int free, List<Vm> vms, List<VfEntry> entries) {
    }

    /** A VM on the node with {@code slots} hostpci entries using the mapping. */
    public record Vm(int vmid, String name, String status, int slots) {
    }

    /**
     * A mapping entry; {@code driver} and {@code heldBy} (the VM holding it now, from qemu-server's
     * reservations) are known only on the local node.
     */
    public record VfEntry(String path, String id, String subsystemId, String iommugroup, String driver, Integer heldBy) {
    }
}
