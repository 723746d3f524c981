package dev.sriovctl.sim;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Builds and boots a simulated host from a profile ({@code sim create --profile}): the platform, the
 * NICs with their PFs probed by their driver, udev naming the netdevs ("mlx5_core 0000:81:00.0
 * enp129s0f0np0: renamed from eth2", as on the guide's host), then the requested e-switch mode and
 * VFs applied through the same kernel paths a boot unit would use.
 */
public final class SimBuilder {
    private SimBuilder() {
    }

    /** Proxmox VE kernel releases for the short versions people type. */
    private static final Map<String, String> RELEASES = Map.of(
            "5.15", "5.15.158-2-pve",
            "6.2", "6.2.16-20-pve",
            "6.5", "6.5.13-6-pve",
            "6.8", "6.8.12-4-pve",
            "6.14", "6.14.8-2-pve");

    static final String DEFAULT_MAC = "c4:70:bd:16:64:32";

    /** Creates {@code dir} and boots the host in it; the caller closes the returned host. */
    public static SimHost create(Path dir, SimOptions o) {
        Profile profile = Profiles.byName(o.profile());
        SimState s = new SimState();
        s.hostname = o.hostname();
        setKernel(s, o.kernel());
        s.systemd = o.systemd() != null ? o.systemd() : s.kernelAtLeast(6, 11) ? 257 : 252;
        s.iommu = o.iommu();
        s.acs = o.acs();
        s.cmdline = "BOOT_IMAGE=/boot/vmlinuz-" + s.kernelRelease + " root=/dev/mapper/pve-root ro quiet"
                + (o.iommu() ? " intel_iommu=on" : "");
        s.clockMicros = 4_120_331;
        s.platform.addAll(Platform.devices());
        int totalVfs = o.totalVfs() != null ? o.totalVfs() : profile.defaultTotalVfs();
        if (totalVfs < 0 || totalVfs > profile.maxTotalVfs()) {
            throw new InputException(SourceLocation.of("--total-vfs"), totalVfs + " is out of range for " + profile.name(),
                    "0 to " + profile.maxTotalVfs() + " (firmware NUM_OF_VFS)");
        }
        String baseMac = o.mac() != null ? SimKernel.normaliseMac(o.mac()) : profile.mlx5() ? DEFAULT_MAC : "40:a6:b7:18:dd:68";
        for (int i = 0; i < o.cards(); i++) {
            PlatformDevice port = Platform.rootPort(i, IommuGroups.allocate(s));
            s.platform.add(port);
            CardState c = new CardState();
            c.profile = profile.name();
            c.slot = String.format(Locale.ROOT, "0000:%02x:00", 0x81 + i);
            c.parent = port.parent() + "/" + port.pci();
            c.mac = Ids.macPlus(baseMac, i * 16);
            c.switchId = Ids.switchIdFromMac(c.mac);
            c.firmware = profile.firmware();
            c.totalVfs = totalVfs;
            c.switchdevBeforeVfsQuirk = o.switchdevBeforeVfsQuirk();
            s.cards.add(c);
            int shared = -1;
            for (int f = 0; f < profile.ports(); f++) {
                PfState pf = new PfState();
                pf.function = f;
                pf.inlineMode = profile.inlineMode();
                pf.encapMode = profile.encapMode();
                if (s.iommu) {
                    if (s.acs || shared < 0) pf.iommuGroup = IommuGroups.allocate(s);
                    else pf.iommuGroup = shared;
                    shared = pf.iommuGroup;
                } else {
                    pf.iommuGroup = -1;
                }
                c.pfs.add(pf);
            }
        }
        SimHost host = SimHost.createEmpty(dir, s);
        try {
            boot(host, o);
        } catch (KernelError e) {
            host.close();
            throw new InputException(SourceLocation.of("--mode"), "the simulated kernel refused the requested state: " + e.getMessage(),
                    "kernels before 5.9 need VFs before switchdev: add --vfs N");
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return host;
    }

    static void setKernel(SimState s, String kernel) {
        String release = RELEASES.getOrDefault(kernel, kernel.matches("\\d+\\.\\d+") ? kernel + ".0" : kernel);
        String[] v = release.split("[.-]");
        try {
            s.kernelMajor = Integer.parseInt(v[0]);
            s.kernelMinor = Integer.parseInt(v[1]);
        } catch (RuntimeException e) {
            throw new InputException(SourceLocation.of("--kernel"), "'" + kernel + "' is not a kernel version", "e.g. 6.8 or 6.8.12-4-pve");
        }
        s.kernelRelease = release;
    }

    private static void boot(SimHost host, SimOptions o) {
        SimState s = host.state();
        SimKernel k = host.kernel();
        k.log.log("Command line: " + s.cmdline);
        if (s.iommu) {
            // as an Intel host prints it (fixtures/dmesg/intel-dmar-iommu-enabled-proxmox-grep.txt)
            k.log.log("DMAR: IOMMU enabled");
            k.log.log("DMAR: Host address width 46");
            for (PlatformDevice d : s.platform) k.log.log("pci " + d.pci() + ": Adding to iommu group " + d.iommuGroup());
            for (CardState c : s.cards) {
                for (PfState pf : c.pfs) k.log.log("pci " + SimKernel.pfPci(c, pf) + ": Adding to iommu group " + pf.iommuGroup);
            }
        }
        NetdevState lo = k.createNetdev(NetdevKind.LOOPBACK, null, "lo", "00:00:00:00:00:00", null, 0);
        lo.mtu = 65536;
        lo.minMtu = 0;
        lo.up = true;
        lo.qdisc = true;
        for (PlatformDevice d : s.platform) {
            if (d.netName() == null) continue;
            NetdevState nd = k.createNetdev(NetdevKind.PLATFORM, d.pci(), null, Ids.randomMac("platform/" + d.pci()), d.driver(), 9216);
            nd.txQueues = 4;
            nd.rxQueues = 4;
        }
        for (CardState c : s.cards) {
            Profile p = SimKernel.profile(c);
            for (PfState pf : c.pfs) k.sriov.attach(k.pfRef(c, pf), p.pfDriver());
        }
        host.settle();
        for (NetdevState nd : s.netdevs) {
            if (nd.kind == NetdevKind.PLATFORM && nd.name.equals("eno1")) {
                nd.up = true;
                nd.qdisc = true;
            }
        }
        applyModeAndVfs(host, o);
        installNetwork(host);
        host.persist();
    }

    /**
     * A fresh Proxmox VE host's network: the installer's /etc/network/interfaces (vmbr0 on the first onboard
     * port, with the {@code source /etc/network/interfaces.d/*} line Proxmox keeps), brought up as
     * networking.service does at boot ({@code ifup -a}), and Open vSwitch installed and running with an empty
     * database ({@code apt install openvswitch-switch}, which the guide starts with).
     */
    /** A host without the openvswitch-switch package: no database, no daemons, no log ({@code sim create --no-openvswitch}). */
    public static void removeOpenVswitch(SimHost host) {
        host.setExtension(NetworkTool.OVS, null);
        host.deleteFile(VswitchdLog.PATH);
    }

    static void installNetwork(SimHost host) {
        NetworkTool.installOvs(host);
        host.writeFile(Ifupdown2Files.INTERFACES, Ifupdown2Files.proxmoxDefault("eno1", "10.0.0.2/24", "10.0.0.1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        host.mkdirs(Ifupdown2Files.INTERFACES_D);
        host.mkdirs("/etc/udev/rules.d");
        host.run(java.util.List.of("ifup", "-a"));
    }

    /** switchdev before VFs where the kernel allows it (5.9+), else VFs first with their drivers held back. */
    private static void applyModeAndVfs(SimHost host, SimOptions o) {
        SimState s = host.state();
        SimKernel k = host.kernel();
        boolean switchdev = o.mode().equals("switchdev");
        boolean early = switchdev && s.kernelAtLeast(5, 9);
        int i = 0;
        for (CardState c : s.cards) {
            for (PfState pf : c.pfs) {
                PciRef ref = k.pfRef(c, pf);
                int n = o.vfsOf(i++);
                if (n > c.totalVfs) {
                    throw new InputException(SourceLocation.of("--vfs"), n + " VFs on " + ref.pci() + " is more than its sriov_totalvfs ("
                            + c.totalVfs + ")", "raise --total-vfs (firmware NUM_OF_VFS) or ask for fewer VFs");
                }
                if (early) k.setEswitch(ref.pci(), "switchdev", null, null);
                if (n > 0) {
                    if (switchdev && !early) pf.autoprobe = false;
                    k.sriov.writeNumVfs(ref, String.valueOf(n));
                }
                if (switchdev && !early) {
                    k.setEswitch(ref.pci(), "switchdev", null, null);
                    pf.autoprobe = true;
                    for (VfState vf : pf.vfs) k.sriov.probe(SimKernel.vfPci(c, pf, vf.index));
                }
                host.settle();
            }
        }
    }
}
