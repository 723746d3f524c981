package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.observe.Vf;
import dev.sriovctl.pve.PveFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sriovctl discover}: the inventory of a host. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Show every SR-IOV NIC: PFs, VFs, representors, drivers, IOMMU groups, Open vSwitch bridges and bonds.",
                "Changes nothing. JSON fields are documented in docs/snapshot.md and DESIGN section 4; unknown values are null."})
public final class DiscoverCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = TopologyFormatConverter.class,
            description = {"Output format: table (default), json, yaml, dot (a Graphviz picture of NICs, PFs, VFs, "
                    + "representors, bridges, bonds and uplinks) or svg (that picture laid out by Graphviz's dot on this machine)."})
    OutputFormat format = OutputFormat.TABLE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Inventory inventory;
        Map<String, String> vmOwners = Map.of();
        List<String> warnings = new ArrayList<>();
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            inventory = InventoryBuilder.build(open.host());
            if (format != OutputFormat.JSON && format != OutputFormat.YAML) vmOwners = vmOwners(open.host(), inventory, warnings);
        }
        var out = spec.commandLine().getOut();
        switch (format) {
            case JSON, YAML -> Printer.print(out, format, inventory);
            case DOT -> out.print(TopologyDot.render(inventory, vmOwners));
            case SVG -> out.print(TopologySvg.render(TopologyDot.render(inventory, vmOwners), new LocalHost()));
            default -> out.print(InventoryTable.render(inventory, vmOwners));
        }
        warnings.addAll(0, inventory.warnings());
        for (String w : warnings) spec.commandLine().getErr().println("warning: " + w);
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The VMs of this node's VFs, from Proxmox VE's own files on the host (pmxcfs and qemu-server's reservations,
     * readable by root); none on a host that is not a Proxmox VE node. The JSON leaves them out: it is the
     * inventory of DESIGN section 4, and {@code sriovctl pve status -o json} gives mapping, VF and VM.
     */
    static Map<String, String> vmOwners(Host host, Inventory inventory, List<String> warnings) {
        List<String> vfs = inventory.nics().stream().flatMap(n -> n.pfs().stream()).flatMap(p -> p.vfs().stream()).map(Vf::pci).toList();
        if (vfs.isEmpty()) return Map.of();
        try {
            return PveFacts.fromHost(host, null).map(f -> f.owners(vfs)).orElse(Map.of());
        } catch (InputException | HostException e) {
            warnings.add("VM owners are not shown: Proxmox VE's files could not be read: " + e.getMessage());
            return Map.of();
        }
    }

    /** table, json, yaml, dot, svg: discover is the command that draws. */
    static final class TopologyFormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown output format '" + value + "' (valid: table, json, yaml, dot, svg)");
            }
        }
    }
}
