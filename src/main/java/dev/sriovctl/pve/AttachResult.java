package dev.sriovctl.pve;

import java.util.List;
import java.util.Map;

/**
 * What {@code sriovctl pve attach} did.
 *
 * @param action {@code attached}, {@code unchanged}, or {@code would attach} on a dry run
 * @param added   new hostpci slots taking a VF
 * @param pending whether the change waits in PVE's pending section until the VM is next started by Proxmox
 */
public record AttachResult(int vmid, String node, String mapping, String via, String action, Map<String, String> set,
                           int added, int vfsOnNode, int usedBefore, boolean running, boolean pending, List<String> notes) {

    /** Free VFs of the mapping on the node once this change is in. */
    public int freeAfter() {
        return vfsOnNode - usedBefore - added;
    }
}
