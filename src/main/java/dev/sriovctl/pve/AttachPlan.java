package dev.sriovctl.pve;

import java.util.List;
import java.util.Map;

/**
 * The change {@link AttachPlanner} decided on.
 *
 * @param set      hostpciN -> value to write (empty: nothing to do)
 * @param added    new slots (the rest of {@code set} only adds pcie=1 to existing ones)
 * @param already  slots of the VM that already use the mapping
 * @param vfsOnNode the mapping's entries on the VM's node
 * @param usedOnNode slots of all VMs on that node using the mapping, before this change
 * @param notes    what the user should know (pending change, checks skipped)
 */
public record AttachPlan(int vmid, String node, String mapping, Map<String, String> set, int added, int already,
                         int vfsOnNode, int usedOnNode, boolean running, List<String> notes) {

    public boolean noop() {
        return set.isEmpty();
    }
}
