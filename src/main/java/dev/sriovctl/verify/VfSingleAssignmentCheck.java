package dev.sriovctl.verify;

import dev.sriovctl.observe.IfaceStanza;
import dev.sriovctl.pve.MappingChecks;
import dev.sriovctl.pve.PveFacts;

import java.util.List;
import java.util.Optional;

/**
 * vf-single-assignment: no VF of this node is given to two VMs, and none a VM can get is used by the host.
 * The judging is {@link MappingChecks}'s; this check feeds it the Proxmox facts, the inventory and where the
 * host configures a VF's netdev.
 */
final class VfSingleAssignmentCheck extends DescribedCheck {

    VfSingleAssignmentCheck() {
        super("vf-single-assignment", CheckArea.PROXMOX,
                "no VF is assigned to more than one VM, and none a VM can get is used by the host (bound to a host driver)",
                "/etc/pve/nodes/<node>/qemu-server/*.conf and mapping/pci.cfg (or the PVE API), /run/qemu-server/pci-id-reservations, "
                        + "/sys/bus/pci/devices/<vf>/driver and net/, OVS ports, /etc/network/interfaces");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Observed<PveFacts> pve = ctx.proxmox();
        if (!pve.present()) return List.of(skip("Proxmox", pve.missing()));
        PveFacts f = pve.value();
        return PveFindings.results(MappingChecks.singleAssignment(f.node(), ctx.inventory(), f.mappings(), f.vms(), f.heldBy(),
                netdev -> hostUse(ctx, netdev)), f.source());
    }

    /** How the host uses a netdev: an OVS port, or a stanza of /etc/network/interfaces. */
    private static Optional<String> hostUse(DoctorContext ctx, String netdev) {
        var bridge = ctx.inventory().ovs().bridgeOf(netdev);
        if (bridge.isPresent()) return Optional.of("a port of OVS bridge " + bridge.get().name());
        Observed<List<IfaceStanza>> ifaces = ctx.interfaces();
        if (!ifaces.present()) return Optional.empty();
        return ifaces.value().stream().filter(s -> s.name().equals(netdev)).findFirst().map(s -> "configured at " + s.location());
    }
}
