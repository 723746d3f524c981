package dev.sriovctl.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which VM holds which passed-through PCI device on a node: qemu-server writes
 * {@code /run/qemu-server/pci-id-reservations} when it starts a VM, one line per device,
 * {@code <pci-id> <vmid> pid:<qemu pid>} once running or {@code time:<expiry>} while starting
 * (qemu-server src/PVE/QemuServer/PCI.pm {@code $parse_pci_reservation_unlocked}).
 */
public final class PciReservations {
    private PciReservations() {
    }

    public static final String PATH = "/run/qemu-server/pci-id-reservations";

    private static final Pattern LINE = Pattern.compile(
            "^([a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}(?:\\.[a-f0-9])?)\\s(\\d+)\\s(time|pid):(\\d+)$");

    /** PCI address -> VM id; lines that do not match are skipped, as qemu-server does. */
    public static Map<String, Integer> parse(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }
}
