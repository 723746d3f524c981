package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

/**
 * What {@code sriovctl pve attach} is asked to do.
 *
 * @param count how many VFs of the mapping the VM should hold in total (hostpci slots already
 *              using the mapping count, so re-running is a no-op)
 * @param pcie  pass them as PCIe devices ({@code pcie=1}, needs the q35 machine type)
 */
public record AttachRequest(int vmid, String mapping, int count, boolean pcie, boolean dryRun) {

    public AttachRequest {
        if (vmid < 100 || vmid > 999_999_999) {
            throw new InputException(SourceLocation.of("VMID " + vmid), "not a PVE VM id", "VM ids are 100 to 999999999");
        }
        MapRequest.checkId(mapping);
        if (count < 1 || count > HostPci.SLOTS) {
            throw new InputException(SourceLocation.of("--count " + count), "out of range", "a VM has hostpci0..hostpci15: give 1 to 16");
        }
    }
}
