package dev.sriovctl.cli;

import dev.sriovctl.pve.MappingStatusReport;
import dev.sriovctl.pve.PciReservations;
import dev.sriovctl.pve.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sriovctl pve status}: mapping -> VF -> VM, free and used, per node. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each PCI mapping per node: its VFs, the VMs whose hostpci entries use it, and how many are free.",
                "On this host's node the VFs' drivers and the VM holding each one now are shown too. Changes nothing."})
public final class PveStatusCommand implements Callable<Integer> {

    @Option(names = {"-m", "--mapping"}, paramLabel = "ID", description = "Only this mapping.")
    String mapping;

    @Option(names = "--node", paramLabel = "NAME", description = "This host's PVE node name (default: its hostname).")
    String node;

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
        StatusReport report = pve.call(hostOptions, spec, (api, host, inventory) -> {
            String here = PveOptions.localNode(node, inventory);
            var reservations = PciReservations.parse(host.read(PciReservations.PATH).orElse(null));
            return MappingStatusReport.run(api, mapping, here == null ? null : new MappingStatusReport.LocalView(here, inventory, reservations));
        });
        output.print(spec.commandLine().getOut(), report, PveTables::status);
        return ExitCode.OK;
    }
}
