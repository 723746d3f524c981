package dev.sriovctl.cli;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sriovctl discover}: the inventory of a host. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Show every SR-IOV NIC: PFs, VFs, representors, drivers, IOMMU groups, Open vSwitch bridges and bonds.",
                "Changes nothing. JSON fields are documented in docs/snapshot.md and DESIGN section 4; unknown values are null."})
public final class DiscoverCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Inventory inventory;
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            inventory = InventoryBuilder.build(open.host());
        }
        var out = spec.commandLine().getOut();
        switch (output.format()) {
            case JSON, YAML -> Printer.print(out, output.format(), inventory);
            default -> out.print(InventoryTable.render(inventory));
        }
        for (String w : inventory.warnings()) spec.commandLine().getErr().println("warning: " + w);
        out.flush();
        return ExitCode.OK;
    }
}
