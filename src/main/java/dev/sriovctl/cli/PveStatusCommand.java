package dev.sriovctl.cli;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.pve.MappingStatusReport;
import dev.sriovctl.pve.PciReservations;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.pve.PveshClient;
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
        StatusReport report = pve.given() ? null : fromFiles();
        if (report == null) report = pve.call(hostOptions, spec, (api, host, inventory) -> {
            String here = PveOptions.localNode(node, inventory);
            var reservations = PciReservations.parse(host.read(PciReservations.PATH).orElse(null));
            return MappingStatusReport.run(api, mapping, here == null ? null : new MappingStatusReport.LocalView(here, inventory, reservations));
        });
        output.print(spec.commandLine().getOut(), report, PveTables::status);
        return ExitCode.OK;
    }

    /**
     * Without --api, where pvesh is not there to ask (a snapshot, a simulated host, a node without it): the same
     * report from Proxmox VE's files on the host; null when the host has pvesh or no /etc/pve.
     */
    private StatusReport fromFiles() {
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            if (PveshClient.available(open.host()) || !PveFacts.onNode(open.host())) return null;
            Inventory inventory = InventoryBuilder.build(open.host());
            String here = PveOptions.localNode(node, inventory);
            return MappingStatusReport.fromHost(open.host(), mapping, here == null ? null : new MappingStatusReport.LocalView(here, inventory, null))
                    .orElse(null);
        }
    }
}
