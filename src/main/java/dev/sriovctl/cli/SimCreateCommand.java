package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.sim.Link;
import dev.sriovctl.sim.Profile;
import dev.sriovctl.sim.Profiles;
import dev.sriovctl.sim.SimBuilder;
import dev.sriovctl.sim.SimHost;
import dev.sriovctl.sim.SimOptions;
import dev.sriovctl.sim.SnapshotTwin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code sriovctl sim create}: a new simulated host from a NIC profile or from a captured host. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a simulated host in a new directory: from a NIC profile (--profile) or as a twin of a captured host (--from).",
                "Profiles: cx4lx-1p/2p, cx5-1p/2p, cx6dx-1p/2p, cx6lx-1p/2p, cx7-1p/2p (mlx5), e810-2p (Intel ice, for contrast)."})
public final class SimCreateCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME", description = "NIC model, e.g. cx6lx-2p.")
    String profile;

    @Option(names = "--from", paramLabel = "SNAPSHOT", description = "Build a twin of a captured host (directory or .tar.gz made by 'sriovctl capture').")
    Path from;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The new directory.")
    Path out;

    @Option(names = "--cards", defaultValue = "1", description = "How many NICs of the profile (default 1).")
    int cards;

    @Option(names = "--vfs", defaultValue = "0", paramLabel = "N[,N]", description = "VFs per PF after boot: one count for every PF, or one per PF (default 0).")
    String vfs;

    @Option(names = "--mode", defaultValue = "legacy", paramLabel = "legacy|switchdev", description = "E-switch mode after boot (default legacy).")
    String mode;

    @Option(names = "--kernel", defaultValue = "6.8", paramLabel = "VERSION", description = "Kernel: 6.8 (Proxmox VE 8, default), 6.14 (Proxmox VE 9), 5.15, or a release such as 6.8.12-4-pve.")
    String kernel;

    @Option(names = "--no-acs", description = "No ACS behind the NIC's port: PFs and VFs share one IOMMU group.")
    boolean noAcs;

    @Option(names = "--no-iommu", description = "IOMMU off (no groups).")
    boolean noIommu;

    @Option(names = "--total-vfs", paramLabel = "N", description = "sriov_totalvfs (firmware NUM_OF_VFS); default: the profile's.")
    Integer totalVfs;

    @Option(names = "--systemd", paramLabel = "VERSION", description = "udev naming scheme: 252 (Debian 12, representors keep eth names) or 255+ (<pf>r<N>); default by kernel.")
    Integer systemd;

    @Option(names = "--hostname", defaultValue = "pve1", description = "Host name (default pve1).")
    String hostname;

    @Option(names = "--mac", paramLabel = "MAC", description = "PF0's MAC of the first NIC (the switch id derives from it).")
    String mac;

    @Option(names = "--switchdev-before-vfs-quirk", description = "Firmware that refuses switchdev once VFs exist (\"bad resource state(0x9)\", sriov-network-operator#1015).")
    boolean quirk;

    @Option(names = "--no-openvswitch", description = "A host without the openvswitch-switch package (its commands do not exist).")
    boolean noOpenvswitch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((profile == null) == (from == null)) {
            throw new InputException(SourceLocation.of("sim create"), "give either --profile NAME or --from SNAPSHOT",
                    "profiles: " + Profiles.all().stream().map(Profile::name).collect(Collectors.joining(", ")));
        }
        SimHost host;
        if (from != null) {
            host = SnapshotTwin.create(from, out);
        } else {
            SimOptions o = SimOptions.defaults(profile).withCards(cards).withVfs(SimOptions.parseVfs(vfs)).withMode(mode)
                    .withKernel(kernel).withAcs(!noAcs).withTotalVfs(totalVfs).withSystemd(systemd).withHostname(hostname)
                    .withMac(mac).withQuirk(quirk);
            if (noIommu) o = new SimOptions(o.profile(), o.cards(), o.vfs(), o.mode(), o.kernel(), o.acs(), false, o.systemd(),
                    o.totalVfs(), o.hostname(), o.mac(), o.switchdevBeforeVfsQuirk());
            host = SimBuilder.create(out, o);
        }
        try (host) {
            if (noOpenvswitch) SimBuilder.removeOpenVswitch(host);
            List<String> pfs = host.kernel().links().stream().filter(l -> l.kind().equals("pf")).map(Link::name).toList();
            var w = spec.commandLine().getOut();
            w.printf("created simulated host %s: %s, kernel %s, PF netdevs %s%n", out,
                    from != null ? "twin of " + from : profile + (cards > 1 ? " x" + cards : ""),
                    host.read("/proc/sys/kernel/osrelease").map(String::strip).orElse("?"), String.join(", ", pfs));
            w.printf("next: sriovctl discover --sim %s   |   sriovctl sim exec %s -- devlink dev eswitch show%n", out, out);
        }
        return ExitCode.OK;
    }
}
