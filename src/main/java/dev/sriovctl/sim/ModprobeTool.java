package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * {@code modprobe MODULE}: the simulated machine has its PCI drivers loaded already (vfio-pci included,
 * as on a Proxmox VE host), so loading one of them succeeds and changes nothing; any other module is
 * not found, with kmod's message.
 */
final class ModprobeTool implements SimTool {

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        List<String> modules = argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
        if (modules.isEmpty()) return SimTool.result(argv, 1, "", "modprobe: ERROR: missing parameters. See -h.\n");
        for (String m : modules) {
            String driver = m.replace('_', '-');
            if (!host.kernel().sriov.drivers().contains(driver) && !host.kernel().sriov.drivers().contains(m)) {
                return SimTool.result(argv, 1, "", "modprobe: FATAL: Module " + m + " not found in directory /lib/modules/"
                        + host.state().kernelRelease + "\n");
            }
        }
        return SimTool.result(argv, 0, "", "");
    }

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }
}
