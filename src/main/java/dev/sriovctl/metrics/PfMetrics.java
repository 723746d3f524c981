package dev.sriovctl.metrics;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;
import dev.sriovctl.pve.PveFacts;

import java.util.List;
import java.util.Optional;

/** Per PF: VFs now, VFs possible, VFs VMs are given, e-switch mode. Labels pf (PCI address), netdev, nic. */
final class PfMetrics {
    private PfMetrics() {
    }

    static final List<String> ESWITCH_MODES = List.of("legacy", "switchdev", "unknown");

    static final String ASSIGNED_HELP = "VFs of the PF that a VM's configuration on this Proxmox VE node assigns: "
            + "by PCI address (hostpciN), or through a PCI mapping as the VF the running VM holds.";
    static final String ASSIGNED_STAND_IN_HELP = "VFs of the PF bound to vfio-pci, i.e. held for or by a VM. "
            + "A stand-in: no Proxmox VE data could be read here, so VM configurations were not counted.";

    /** {@code pve}: the Proxmox facts of this node, as doctor reads them; empty where there are none. */
    static List<MetricFamily> of(Inventory inventory, Optional<PveFacts> pve) {
        MetricFamily.Builder configured = MetricFamily.gauge("sriovctl_pf_vfs_configured",
                "VFs the PF has now (sysfs sriov_numvfs).");
        MetricFamily.Builder max = MetricFamily.gauge("sriovctl_pf_vfs_max",
                "VFs the PF can have (sysfs sriov_totalvfs; the firmware's NUM_OF_VFS).");
        MetricFamily.Builder assigned = MetricFamily.gauge("sriovctl_pf_vfs_assigned", pve.isPresent() ? ASSIGNED_HELP : ASSIGNED_STAND_IN_HELP);
        MetricFamily.Builder mode = MetricFamily.gauge("sriovctl_pf_eswitch_mode",
                "E-switch mode of the PF (devlink): 1 for the mode it is in, 0 for the others; unknown when devlink could not tell.");
        for (Nic nic : inventory.nics()) {
            for (Pf pf : nic.pfs()) {
                String[] l = {"pf", pf.pci(), "netdev", pf.netdev(), "nic", nic.id()};
                if (pf.numVfs() != null) configured.add(pf.numVfs(), l);
                if (pf.totalVfs() != null) max.add(pf.totalVfs(), l);
                assigned.add(assigned(pf, pve), l);
                mode.state(pf.eswitchMode() == null ? "unknown" : pf.eswitchMode().toString(), ESWITCH_MODES, "mode", l);
            }
        }
        return List.of(configured.build(), max.build(), assigned.build(), mode.build());
    }

    private static long assigned(Pf pf, Optional<PveFacts> pve) {
        List<String> vfs = pf.vfs().stream().map(Vf::pci).toList();
        if (pve.isPresent()) return pve.get().assigned(vfs).size();
        return pf.vfs().stream().filter(v -> "vfio-pci".equals(v.driver())).count();
    }
}
