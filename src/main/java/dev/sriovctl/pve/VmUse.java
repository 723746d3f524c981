package dev.sriovctl.pve;

import java.util.List;

/** A VM and its configuration: what it takes from mappings and raw host devices. */
public record VmUse(VmRef vm, VmConfig config) {

    /** The hostpci slots that take a VF of this mapping at VM start. */
    public List<HostPci> slotsOf(String mapping) {
        return config.hostpci().stream().filter(h -> mapping.equals(h.mapping())).toList();
    }

    /** Whether it can start and so take devices (a template never starts). */
    public boolean consumes() {
        return !vm.template();
    }

    public String label() {
        return "VM " + vm.vmid() + (vm.name() == null ? "" : " (" + vm.name() + ")");
    }
}
