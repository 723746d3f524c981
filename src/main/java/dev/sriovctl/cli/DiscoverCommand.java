package dev.sriovctl.cli;

import dev.sriovctl.host.LocalHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            inventory = InventoryBuilder.build(open.host());
        }
        var out = spec.commandLine().getOut();
        switch (format) {
            case JSON, YAML -> Printer.print(out, format, inventory);
            // VM owners: the Proxmox lookup (pve) supplies them by VF PCI address once it lands.
            case DOT -> out.print(TopologyDot.render(inventory, Map.of()));
            case SVG -> out.print(TopologySvg.render(TopologyDot.render(inventory, Map.of()), new LocalHost()));
            default -> out.print(InventoryTable.render(inventory));
        }
        for (String w : inventory.warnings()) spec.commandLine().getErr().println("warning: " + w);
        out.flush();
        return ExitCode.OK;
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
