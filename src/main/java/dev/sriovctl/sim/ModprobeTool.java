package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;
import java.util.Set;

/**
 * {@code modprobe MODULE}: the modules a Proxmox VE kernel ships that sriovctl loads (vfio-pci, bonding,
 * openvswitch ...). They are built in to the simulated kernel, so loading one changes nothing
 * (/sys/bus/pci/drivers/vfio-pci always exists); an unknown name fails as modprobe does.
 */
final class ModprobeTool implements SimTool {

    private static final Set<String> MODULES = Set.of("vfio", "vfio_pci", "vfio_iommu_type1", "vfio_pci_core", "mlx5_core", "mlx5_ib",
            "bonding", "openvswitch", "8021q", "ice", "iavf", "tun", "bridge", "act_mirred", "cls_flower", "sch_ingress");

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        for (String a : argv.subList(1, argv.size())) {
            if (a.startsWith("-")) continue;
            // modprobe treats - and _ alike in module names
            if (!MODULES.contains(a.replace('-', '_'))) {
                return SimTool.result(argv, 1, "", "modprobe: FATAL: Module " + a + " not found in directory /lib/modules/"
                        + host.state().kernelRelease + "\n");
            }
            return SimTool.result(argv, 0, "", "");
        }
        return SimTool.result(argv, 1, "", "modprobe: ERROR: missing parameters. See -h.\n");
    }
}
