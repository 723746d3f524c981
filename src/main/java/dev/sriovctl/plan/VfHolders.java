package dev.sriovctl.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which VM holds which VF, as Proxmox VE says (qemu-server's reservations, read by {@code HostPlanner}),
 * so the plan can name the VMs a change disrupts. Without it a VF bound to vfio-pci stands for "likely a VM".
 *
 * @param byVf   VF PCI address -> "VM 101 (web), running"
 * @param source where the facts came from, for the message; null when Proxmox was not read
 */
public record VfHolders(Map<String, String> byVf, String source) {

    public VfHolders {
        byVf = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byVf));
    }

    /** The VMs holding any of these VFs, each once, without its status: "VM 101 (web)". */
    public Set<String> vms(List<String> pcis) {
        Set<String> out = new LinkedHashSet<>();
        for (String pci : pcis) {
            String vm = byVf.get(pci);
            if (vm != null) out.add(vm.contains(",") ? vm.substring(0, vm.indexOf(',')) : vm);
        }
        return out;
    }

    public static VfHolders none() {
        return new VfHolders(Map.of(), null);
    }
}
