package dev.sriovctl.observe;

import dev.sriovctl.host.Host;

import java.util.Map;
import java.util.Optional;

/**
 * Names PCI devices: from {@code /usr/share/misc/pci.ids} when the host has it, else from a
 * built-in table of the NICs sriovctl knows (the mlx5 family's PF and VF ids, Intel ice/i40e).
 * The ids are the ones the drivers match (drivers/net/ethernet/mellanox/mlx5/core/main.c
 * {@code mlx5_core_pci_table}; pci.ids).
 */
public final class DeviceNames {
    private DeviceNames() {
    }

    public static final String PCI_IDS = "/usr/share/misc/pci.ids";

    /** Short model names by vendor:device, for the table and the JSON "model" field. */
    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("15b3:1013", "ConnectX-4"),
            Map.entry("15b3:1014", "ConnectX-4 Virtual Function"),
            Map.entry("15b3:1015", "ConnectX-4 Lx"),
            Map.entry("15b3:1016", "ConnectX-4 Lx Virtual Function"),
            Map.entry("15b3:1017", "ConnectX-5"),
            Map.entry("15b3:1018", "ConnectX-5 Virtual Function"),
            Map.entry("15b3:1019", "ConnectX-5 Ex"),
            Map.entry("15b3:101a", "ConnectX-5 Ex Virtual Function"),
            Map.entry("15b3:101b", "ConnectX-6"),
            Map.entry("15b3:101c", "ConnectX-6 Virtual Function"),
            Map.entry("15b3:101d", "ConnectX-6 Dx"),
            Map.entry("15b3:101e", "ConnectX Family mlx5Gen Virtual Function"),
            Map.entry("15b3:101f", "ConnectX-6 Lx"),
            Map.entry("15b3:1021", "ConnectX-7"),
            Map.entry("15b3:1023", "ConnectX-8"),
            Map.entry("15b3:a2d2", "BlueField"),
            Map.entry("15b3:a2d3", "BlueField Virtual Function"),
            Map.entry("15b3:a2d6", "BlueField-2"),
            Map.entry("15b3:a2dc", "BlueField-3"),
            Map.entry("8086:1592", "Ethernet Controller E810-C for QSFP"),
            Map.entry("8086:1593", "Ethernet Controller E810-C for SFP"),
            Map.entry("8086:159b", "Ethernet Controller E810-XXV for SFP"),
            Map.entry("8086:1889", "Ethernet Adaptive Virtual Function"),
            Map.entry("8086:1572", "Ethernet Controller X710 for 10GbE SFP+"),
            Map.entry("8086:1583", "Ethernet Controller XL710 for 40GbE QSFP+"),
            Map.entry("8086:158b", "Ethernet Controller XXV710 for 25GbE SFP28"),
            Map.entry("8086:154c", "Ethernet Virtual Function 700 Series"));

    /** Driver family by vendor (what sriovctl can manage is mlx5 only). */
    public static String family(String vendorId, String driver) {
        if ("15b3".equals(vendorId)) return "mlx5";
        if (driver != null && !driver.isEmpty()) return driver;
        return "8086".equals(vendorId) ? "intel" : "unknown";
    }

    /** The built-in name, without the host's pci.ids. */
    public static Optional<String> builtIn(String vendorId, String deviceId) {
        return Optional.ofNullable(BUILT_IN.get(vendorId + ":" + deviceId));
    }

    /**
     * The model name: the built-in short name for known NICs (stable across pci.ids versions), else
     * the host's pci.ids entry, else null.
     */
    public static String model(Host host, String vendorId, String deviceId) {
        if (vendorId == null || deviceId == null) return null;
        Optional<String> known = builtIn(vendorId, deviceId);
        if (known.isPresent()) return known.get();
        return host.read(PCI_IDS).flatMap(ids -> PciIdsParser.deviceName(ids, vendorId, deviceId)).orElse(null);
    }
}
