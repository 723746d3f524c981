package dev.sriovctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sriovctl pve map|attach|status}: Proxmox PCI mappings of the VFs and VM assignment. */
@Command(name = "pve", mixinStandardHelpOptions = true,
        description = {"Proxmox VE: put this node's VFs into a cluster PCI mapping, give VMs VFs from it, and show who uses what.",
                "Talks to the PVE API with an API token (--api, --token-id, --token-file), or through pvesh on the node itself.",
                "Privileges, token setup and certificate pinning: docs/proxmox.md."},
        subcommands = {PveMapCommand.class, PveAttachCommand.class, PveStatusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done, or nothing to do",
                "2:bad input, refused (not enough free VFs, pcie without q35, a VF bound to the host), token refused (401) or privilege missing (403): nothing changed",
                "3:the API failed (500/501, certificate refused, timeout, unreachable, changed meanwhile: re-run)"})
public final class PveCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
