package dev.sriovctl.sim;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NIC models of {@code sim create --profile}. Sources:
 * <ul>
 * <li>PCI ids: drivers/net/ethernet/mellanox/mlx5/core/main.c {@code mlx5_core_pci_table}; subsystem ids
 *     from pci.ids (Debian package pci.ids 2023.04: MCX4121A-ACAT 15b3:0003, MCX512A-ACAT 15b3:0020,
 *     MCX515A-CCAT 15b3:0006) and fixtures/lspci/lspci-nnk-cx6dx-mlx5gen-vfs-vfio-pci.txt (15b3:0083);
 *     ConnectX-6 Lx and ConnectX-7 subsystem ids are not verified (no public capture found).
 *     A VF reports its PF's subsystem id (a ConnectX-4 Lx capture shows 15b3:0003 on PF and VFs).</li>
 * <li>SR-IOV layout: fixtures/lspci/lspci-vv-cx4lx-pf-sriov-capability.txt ("Total VFs: 8", "VF offset: 2,
 *     stride: 1"); PF1's VFs follow PF0's (fixtures/lspci/lspci-cx4lx-vfs-and-dpdk-devbind-status.txt: PF1 VF0 at
 *     08:01.2 with 8 VFs per PF; lspci-nn-cx5-pf-and-vfs-kubeovn-doc.txt: 5f:00.5 with 3), so
 *     offset(PF f) = 2 + f*totalvfs - f. VF routing id = PF + offset + stride*i (drivers/pci/iov.c).</li>
 * <li>Limits: maxmtu 9978 (fixtures/ip-link/mlx5-cx4lx-switchdev-pf-and-vf-reps-ip-d-link.txt and the guide's
 *     ConnectX-6 Lx); sriov_totalvfs up to 127 (fixtures/sysfs/class-net-ls-totalvfs-compat-devlink-mode-cx5-kubeovn-doc.txt);
 *     inline-mode link on ConnectX-4 Lx, none on ConnectX-6 (fixtures/devlink/eswitch-show-*).</li>
 * <li>Intel E810 (ice/iavf): 8086:159b / 8086:1889 from pci.ids; max_mtu 9702 is the ice driver's
 *     ICE_MAX_MTU; its VF offset (8) and 128 VFs per PF are not verified against a capture.</li>
 * </ul>
 */
public final class Profiles {
    private Profiles() {
    }

    private static final Map<String, Profile> ALL = new LinkedHashMap<>();

    static {
        for (int ports = 1; ports <= 2; ports++) {
            add(mlx5("cx4lx", ports, "ConnectX-4 Lx", "1015", "1016", ports == 2 ? "0003" : "0001", 8, 127,
                    "link", "14.32.1010 (MT_2420110034)", 25000, 32));
            add(mlx5("cx5", ports, "ConnectX-5", "1017", "1018", ports == 2 ? "0020" : "0006", 8, 127,
                    "none", "16.27.1016 (MT_0000000080)", ports == 2 ? 25000 : 100000, 63));
            add(mlx5("cx6dx", ports, "ConnectX-6 Dx", "101d", "101e", "0083", 8, 127,
                    "none", "22.39.1002 (MT_0000000359)", 100000, 63));
            add(mlx5("cx6lx", ports, "ConnectX-6 Lx", "101f", "101e", "0016", 8, 127,
                    "none", "26.36.1010 (MT_0000000547)", 25000, 63));
            add(mlx5("cx7", ports, "ConnectX-7", "1021", "101e", "0041", 8, 127,
                    "none", "28.39.1002 (MT_0000000834)", 200000, 63));
        }
        add(new Profile("e810-2p", "Ethernet Controller E810-XXV for SFP", "ice", "ice", "iavf",
                "8086", "159b", "1889", "8086", "0003", 2, 8, 128, 128, 68, 9702, null, null,
                "4.40 0x8001c967 1.3534.0", 25000, 64, 64, false));
    }

    private static Profile mlx5(String base, int ports, String model, String pf, String vf, String subsys,
                                int totalVfs, int maxVfs, String inline, String fw, int speed, int rxQueues) {
        return new Profile(base + "-" + ports + "p", model, "mlx5", "mlx5_core", "mlx5_core",
                "15b3", pf, vf, "15b3", subsys, ports, ports, totalVfs, maxVfs, 68, 9978,
                inline, "basic", fw, speed, 768, rxQueues, ports == 2);
    }

    private static void add(Profile p) {
        ALL.put(p.name(), p);
    }

    public static List<Profile> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Profile> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The profile, or bad input naming the valid ones. */
    public static Profile byName(String name) {
        return find(name).orElseThrow(() -> new InputException(SourceLocation.of("--profile"),
                "unknown profile '" + name + "'", "valid: " + String.join(", ", ALL.keySet())));
    }

    /** The profile of a PCI device id with this port count (for twins of captured hosts). */
    public static Optional<Profile> byDevice(String vendor, String device, int ports) {
        Profile best = null;
        for (Profile p : ALL.values()) {
            if (!p.vendor().equals(vendor) || !p.pfDevice().equals(device)) continue;
            if (p.ports() == ports) return Optional.of(p);
            if (best == null || p.ports() > best.ports()) best = p;
        }
        return Optional.ofNullable(best);
    }
}
