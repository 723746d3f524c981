package dev.sriovctl.cli;

import dev.sriovctl.pve.AttachPlanner;
import dev.sriovctl.pve.AttachRequest;
import dev.sriovctl.pve.AttachResult;
import dev.sriovctl.pve.VmAttach;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sriovctl pve attach VMID --mapping ID}: VFs of a mapping for a VM. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Give VM VMID --count VFs of the mapping: free hostpciN slots get mapping=ID (API tokens cannot pass raw PCI addresses).",
                "Refuses when the mapping has too few free VFs on the VM's node (every VM's config in the cluster is counted), when --pcie is asked for a VM",
                "that is not q35, or when a mapped VF is bound to a host driver. A running VM gets the change as pending: it applies when Proxmox next",
                "starts the VM (stop and start, or Reboot in Proxmox), not on a reboot inside the guest. Re-running changes nothing."})
public final class PveAttachCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VMID", description = "The VM.")
    int vmid;

    @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "ID", description = "The PCI mapping to take VFs from.")
    String mapping;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "VFs the VM should hold from this mapping in total (default 1).")
    int count = 1;

    @Option(names = "--pcie", description = "Pass them as PCIe devices (pcie=1); the VM must use the q35 machine type.")
    boolean pcie;

    @Option(names = "--node", paramLabel = "NAME", description = "This host's PVE node name (default: its hostname); VF drivers are checked when the VM is on it.")
    String node;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would be set; change nothing.")
    boolean dryRun;

    @Mixin
    PveOptions pve;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AttachRequest req = new AttachRequest(vmid, mapping, count, pcie, dryRun);
        AttachResult result = pve.call(hostOptions, spec, (api, host, inventory) -> {
            String here = PveOptions.localNode(node, inventory);
            return VmAttach.run(api, req, here == null ? null : new AttachPlanner.LocalVfs(here, inventory));
        });
        output.print(spec.commandLine().getOut(), result, PveTables::attach);
        return ExitCode.OK;
    }
}
