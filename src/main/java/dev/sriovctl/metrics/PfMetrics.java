package dev.sriovctl.metrics;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;

import java.util.List;

/** Per PF: VFs now, VFs possible, VFs held for VMs, e-switch mode. Labels pf (PCI address), netdev, nic. */
final class PfMetrics {
    private PfMetrics() {
    }

    static final List<String> ESWITCH_MODES = List.of("legacy", "switchdev", "unknown");

    static List<MetricFamily> of(Inventory inventory) {
        MetricFamily.Builder configured = MetricFamily.gauge("sriovctl_pf_vfs_configured",
                "VFs the PF has now (sysfs sriov_numvfs).");
        MetricFamily.Builder max = MetricFamily.gauge("sriovctl_pf_vfs_max",
                "VFs the PF can have (sysfs sriov_totalvfs; the firmware's NUM_OF_VFS).");
        MetricFamily.Builder assigned = MetricFamily.gauge("sriovctl_pf_vfs_assigned",
                "VFs of the PF bound to vfio-pci, i.e. held for or by a VM. A stand-in: Proxmox VM configurations are not read yet.");
        MetricFamily.Builder mode = MetricFamily.gauge("sriovctl_pf_eswitch_mode",
                "E-switch mode of the PF (devlink): 1 for the mode it is in, 0 for the others; unknown when devlink could not tell.");
        for (Nic nic : inventory.nics()) {
            for (Pf pf : nic.pfs()) {
                String[] l = {"pf", pf.pci(), "netdev", pf.netdev(), "nic", nic.id()};
                if (pf.numVfs() != null) configured.add(pf.numVfs(), l);
                if (pf.totalVfs() != null) max.add(pf.totalVfs(), l);
                assigned.add(pf.vfs().stream().filter(v -> "vfio-pci".equals(v.driver())).count(), l);
                mode.state(pf.eswitchMode() == null ? "unknown" : pf.eswitchMode().toString(), ESWITCH_MODES, "mode", l);
            }
        }
        return List.of(configured.build(), max.build(), assigned.build(), mode.build());
    }
}
