package dev.sriovctl.cli;

import dev.sriovctl.pve.MapRequest;
import dev.sriovctl.pve.MapResult;
import dev.sriovctl.pve.MappingSync;
import dev.sriovctl.pve.VfSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sriovctl pve map}: this node's VFs into a cluster PCI mapping. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Create or update the cluster PCI mapping ID with one entry per VF of this node (path, vendor:device, subsystem id, IOMMU group: all from discovery).",
                "Other nodes' entries are kept; the write carries PVE's digest, so a concurrent change is refused, never overwritten. Re-running changes nothing.",
                "Default VFs: every VF of every mlx5 PF."})
public final class PveMapCommand implements Callable<Integer> {

    @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "ID", description = "The mapping id, e.g. network.")
    String mapping;

    @Option(names = "--pf", paramLabel = "NETDEV|PCI", split = ",", description = "Only VFs of these PFs (repeatable).")
    List<String> pfs = new ArrayList<>();

    @Option(names = "--vfs", paramLabel = "GLOB", split = ",",
            description = "Only VFs whose PCI address, representor or PF/vfN matches (repeatable), e.g. 'ovs-sw1pf0vf*', 'enp129s0f0np0/vf[0-3]', '0000:81:00.*'.")
    List<String> vfs = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "The mapping's description (set on create; on update only when given).")
    String description;

    @Option(names = "--node", paramLabel = "NAME", description = "This host's PVE node name (default: its hostname).")
    String node;

    @Option(names = {"-n", "--dry-run"}, description = "Show the mapping before and after; change nothing.")
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
        MapRequest req = new MapRequest(mapping, description, new VfSelector(pfs, vfs), node, dryRun);
        MapResult result = pve.call(hostOptions, spec, (api, host, inventory) -> MappingSync.run(api, inventory, req));
        output.print(spec.commandLine().getOut(), result, PveTables::map);
        for (String w : result.warnings()) spec.commandLine().getErr().println("warning: " + w);
        return ExitCode.OK;
    }
}
