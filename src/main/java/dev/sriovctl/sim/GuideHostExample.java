package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;

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
 * alone in its group. The snapshot is deterministic: regenerating it gives the same bytes
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
            deleteTree(out);
            SimSnapshot.write(h, out, CAPTURED_AT);
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
     * Open vSwitch as the guide leaves it: Open_vSwitch other_config hw-offload=true, tc-policy=skip_sw and
     * lacp-fallback-ab=true (the guide's patched ovs-ctl sets all three on the Open_vSwitch table, where the
     * last one does nothing), the daemon restarted, then the guide's layout in ifupdown2 stanzas (our own
     * rendition: bridge vmbr1 with its address and MTU 9000, the OVS bond bond1 with lacp=active and
     * bond_mode=balance-tcp over both ports in /etc/network/interfaces; the four representors as OVSPorts in
     * interfaces.d/ovs-sw1.conf) applied with {@code ifreload -a}, which exits 1 with Debian 12's
     * "ifname bond1 not present in cache" after configuring the bond.
     */
    static void configureOpenVswitch(SimHost h) {
        if (h.tools().find("ovs-vsctl").isEmpty()) return;
        run(h, "ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:hw-offload=true", "other_config:tc-policy=skip_sw");
        run(h, "ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:lacp-fallback-ab=true");
        run(h, "systemctl", "restart", "openvswitch-switch");
        String main = h.read("/etc/network/interfaces").orElse("");
        String bridge = """

                auto enp129s0f0np0
                iface enp129s0f0np0 inet manual

                auto enp129s0f1np1
                iface enp129s0f1np1 inet manual

                auto vmbr1
                iface vmbr1 inet static
                \taddress 192.168.1.2/24
                \tovs_type OVSBridge
                \tovs_ports bond1
                \tovs_mtu 9000

                auto bond1
                iface bond1 inet manual
                \tovs_bonds enp129s0f0np0 enp129s0f1np1
                \tovs_type OVSBond
                \tovs_bridge vmbr1
                \tovs_mtu 9000
                \tovs_options lacp=active bond_mode=balance-tcp
                """;
        int source = main.indexOf("source /etc/network/interfaces.d/*");
        main = source < 0 ? main + bridge : main.substring(0, source) + bridge.substring(1) + "\n" + main.substring(source);
        h.writeFile("/etc/network/interfaces", main.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        StringBuilder reps = new StringBuilder("# the VF representors as ports of vmbr1\n");
        for (int i = 0; i < 4; i++) {
            reps.append("\nauto ovs-sw1pf0vf").append(i).append("\niface ovs-sw1pf0vf").append(i).append(" inet manual\n")
                    .append("\tovs_type OVSPort\n\tovs_bridge vmbr1\n\tovs_mtu 9000\n");
        }
        h.writeFile("/etc/network/interfaces.d/ovs-sw1.conf", reps.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        CommandResult r = h.run(List.of("ifreload", "-a")).orElseThrow();
        if (r.exitCode() > 1) throw HostException.commandFailed(r);
    }

    private static void run(SimHost h, String... argv) {
        CommandResult r = h.run(List.of(argv)).orElseThrow(() -> new IllegalStateException("no simulated " + argv[0]));
        if (!r.ok()) throw HostException.commandFailed(r);
    }

    private static void write(SimHost h, String path, String value) {
        h.writeAttribute(path, value);
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
