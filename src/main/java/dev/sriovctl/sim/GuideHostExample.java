package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.HostException;
import dev.sriovctl.observe.PciAddress;
import dev.sriovctl.pve.MapEntry;
import dev.sriovctl.pve.PciDeviceInfo;
import dev.sriovctl.pve.PciReservations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Generates {@code examples/guide-host/}: a snapshot of the host the guide builds, produced by the
 * simulator from the guide's steps so every file and command output agrees with every other.
 * A two-port ConnectX-6 Lx at 0000:81:00.0/.1 reporting switch id 3264160003bd70c4 (PF MAC
 * c4:70:bd:16:64:32), both ports in switchdev, MTU 9000; four VFs 0000:81:00.2-.5 on port 0 with MACs
 * c4:70:ff:ff:ff:e0-e3, bound to vfio-pci for the VMs; representors ovs-sw1pf0vf0-3; IOMMU on, each VF
 * alone in its group; the Proxmox VE mapping {@code network} of the four VFs, and VM 100 running with the first. The snapshot is deterministic: regenerating it gives the same bytes
 * ({@code GuideHostExampleTest} keeps the committed copy from drifting).
 *
 * <p>Regenerate with {@code java -cp target/classes:... dev.sriovctl.sim.GuideHostExample examples/guide-host}.
 */
public final class GuideHostExample {
    private GuideHostExample() {
    }

    /** The capture time written into snapshot.json (fixed, so the example does not change). */
    public static final String CAPTURED_AT = "2024-10-16T01:30:00Z";
    static final String PF0 = "0000:81:00.0";
    static final String PF1 = "0000:81:00.1";

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: GuideHostExample OUTPUT_DIR (e.g. examples/guide-host)");
            System.exit(2);
        }
        generate(Path.of(args[0]));
    }

    /** Writes the example snapshot into {@code out} (replaced if it exists). */
    public static void generate(Path out) {
        Path work;
        try {
            work = Files.createTempDirectory("guide-host-");
        } catch (IOException e) {
            throw new HostException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try (SimHost h = SimBuilder.create(work.resolve("pve1"), SimOptions.defaults("cx6lx-2p"))) {
            buildGuideHost(h);
            configureOpenVswitch(h);
            proxmox(h);
            // the guide's own network and udev files stay out of the repository (its text is not ours to copy):
            // the example records none, rather than the installer's default that would contradict its OVS state
            h.deleteFile("/etc/network/interfaces");
            deleteTree(out);
            SimSnapshot.write(h, out, CAPTURED_AT);
            deleteEmptyDirectories(out.resolve("fs/etc"));
        } finally {
            deleteTree(work);
        }
    }

    /** The kernel side of the guide's host, in the order the guide (and a boot) sets it up. */
    static void buildGuideHost(SimHost h) {
        run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
        run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF1, "mode", "switchdev");
        write(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", "4");
        for (int i = 0; i < 4; i++) run(h, "ip", "link", "set", "enp129s0f0np0", "vf", String.valueOf(i), "mac", "c4:70:ff:ff:ff:e" + i);
        // the representors get the guide's names (its udev rule's NAME="ovs-sw1$attr{phys_port_name}")
        for (String rep : h.list("/sys/bus/pci/devices/" + PF0 + "/net")) {
            Optional<String> port = h.read("/sys/class/net/" + rep + "/phys_port_name").map(String::strip);
            if (port.isPresent() && port.get().startsWith("pf0vf")) run(h, "ip", "link", "set", rep, "name", "ovs-sw1" + port.get());
        }
        for (String dev : List.of("enp129s0f0np0", "enp129s0f1np1", "ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3")) {
            run(h, "ip", "link", "set", dev, "mtu", "9000");
            run(h, "ip", "link", "set", dev, "up");
        }
        // the VMs hold the VFs: Proxmox binds mapped devices to vfio-pci at VM start
        for (int i = 2; i <= 5; i++) {
            String vf = "0000:81:00." + i;
            write(h, "/sys/bus/pci/devices/" + vf + "/driver_override", "vfio-pci");
            write(h, "/sys/bus/pci/drivers/mlx5_core/unbind", vf);
            write(h, "/sys/bus/pci/drivers_probe", vf);
        }
    }

    /**
     * The Open vSwitch side of the guide's host, through the ovs-vsctl argv the guide's configuration leads to:
     * its patched ovs-ctl sets other_config hw-offload=true, tc-policy=skip_sw and lacp-fallback-ab=true in the
     * Open_vSwitch table at every start (so the running daemon took them up: restart), and ifupdown2 builds
     * bridge vmbr1 (MTU 9000, 192.168.1.2/24) with the OVS bond bond1 (lacp=active, bond_mode=balance-tcp) over
     * both uplinks and the four representors as ports. The LACP partner (the switch) answers, so bond/show and
     * lacp/show are negotiated.
     */
    static void configureOpenVswitch(SimHost h) {
        run(h, "ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:hw-offload=true", "other_config:tc-policy=skip_sw");
        run(h, "ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:lacp-fallback-ab=true");
        run(h, "systemctl", "restart", "openvswitch-switch");
        run(h, "ovs-vsctl", "--may-exist", "add-br", "vmbr1", "--", "set", "Interface", "vmbr1", "mtu_request=9000");
        run(h, "ovs-vsctl", "--may-exist", "add-bond", "vmbr1", "bond1", "enp129s0f0np0", "enp129s0f1np1",
                "--", "set", "Port", "bond1", "lacp=active", "bond_mode=balance-tcp",
                "--", "set", "Interface", "enp129s0f0np0", "mtu_request=9000",
                "--", "set", "Interface", "enp129s0f1np1", "mtu_request=9000");
        for (int i = 0; i < 4; i++) {
            String rep = "ovs-sw1pf0vf" + i;
            run(h, "ovs-vsctl", "--may-exist", "add-port", "vmbr1", rep, "--", "set", "Interface", rep, "mtu_request=9000");
        }
        run(h, "ip", "address", "add", "192.168.1.2/24", "dev", "vmbr1");
        run(h, "ip", "link", "set", "vmbr1", "up");
    }

    /**
     * The Proxmox VE side, as the guide's reader leaves it: the cluster PCI mapping {@code network} lists the four
     * VFs of this node (each entry as {@code sriovctl pve map} derives it from sysfs, which is what PVE checks), and
     * one VM with that mapping as its PCI device (defaults, as the guide adds it) runs and holds the first VF;
     * qemu-server records that in its reservations. The other VFs stay bound to vfio-pci, free for more VMs.
     */
    static void proxmox(SimHost h) {
        String node = h.hostname().orElseThrow();
        StringBuilder cfg = new StringBuilder(MAPPING).append('\n');
        for (int i = 2; i <= 5; i++) {
            PciDeviceInfo vf = PciDeviceInfo.read(h, "0000:81:00." + i).orElseThrow();
            cfg.append("\tmap ").append(MapEntry.of(node, PciAddress.parse(vf.pci()), vf.vendor() + ":" + vf.device(),
                    vf.subsystemVendor() == null ? null : vf.subsystemVendor() + ":" + vf.subsystemDevice(),
                    vf.iommugroup() == null ? null : Integer.valueOf(vf.iommugroup())).format()).append('\n');
        }
        cfg.append("\tdescription VFs of sw1 port 0\n");
        file(h, "/etc/pve/mapping/pci.cfg", cfg.toString());
        file(h, CommandCatalog.pveVmConfigDir(node) + "/" + VMID + ".conf",
                "boot: order=scsi0\ncores: 16\nhostpci0: mapping=" + MAPPING + "\nmemory: 16384\nname: guest1\nnet0: virtio=BC:24:11:5E:0A:01,bridge=vmbr0\n"
                        + "ostype: l26\nscsi0: local-lvm:vm-" + VMID + "-disk-0,size=32G\nscsihw: virtio-scsi-single\nsockets: 1\n");
        file(h, PciReservations.PATH, "0000:81:00.2 " + VMID + " pid:" + VM_PID + "\n");
    }

    private static void file(SimHost h, String path, String content) {
        h.writeFile(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0640);
    }

    /** The guide's mapping name, and the VM that uses it. */
    static final String MAPPING = "network";
    static final int VMID = 100;
    private static final int VM_PID = 4187;

    private static void run(SimHost h, String... argv) {
        CommandResult r = h.run(List.of(argv)).orElseThrow(() -> new IllegalStateException("no simulated " + argv[0]));
        if (!r.ok()) throw HostException.commandFailed(r);
    }

    private static void write(SimHost h, String path, String value) {
        h.writeAttribute(path, value);
    }

    /** Git keeps no empty directory: the committed example must be what a clone has. */
    private static void deleteEmptyDirectories(Path root) {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isDirectory(x, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                try (Stream<Path> c = Files.list(x)) {
                    if (c.findAny().isEmpty()) Files.delete(x);
                }
            }
        } catch (IOException e) {
            throw new HostException("cannot tidy " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            throw new HostException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
