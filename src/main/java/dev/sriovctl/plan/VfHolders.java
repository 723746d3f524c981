package dev.sriovctl.plan;

import java.util.Map;

/**
 * Which VM holds which VF, as Proxmox VE says (qemu-server's reservations, read by {@code HostPlanner}),
 * so the plan can name the VMs a change disrupts. Without it a VF bound to vfio-pci stands for "likely a VM".
 *
 * @param byVf   VF PCI address -> "VM 101 (web), running"
 * @param source where the facts came from, for the message; null when Proxmox was not read
 */
public record VfHolders(Map<String, String> byVf, String source) {

    public VfHolders {
        byVf = Map.copyOf(byVf);
    }

    public static VfHolders none() {
        return new VfHolders(Map.of(), null);
    }
}
