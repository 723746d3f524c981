package dev.sriovctl.pve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * One line. A {@code pid} reservation holds while that QEMU process runs; qemu-server itself
     * treats one whose process is gone as left over ({@code reserve_pci_usage}). A {@code time}
     * reservation holds until that epoch second (the VM is starting).
     */
    public record Reservation(String pci, int vmid, Long pid, Long until) {
    }

    /** Every line qemu-server would read; lines that do not match are skipped, as qemu-server does. */
    public static List<Reservation> entries(String text) {
        List<Reservation> out = new ArrayList<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) continue;
            long n = Long.parseLong(m.group(4));
            boolean pid = m.group(3).equals("pid");
            out.add(new Reservation(m.group(1), Integer.parseInt(m.group(2)), pid ? n : null, pid ? null : n));
        }
        return out;
    }

    /** PCI address -> VM id. */
    public static Map<String, Integer> parse(String text) {
        return byDevice(entries(text));
    }

    public static Map<String, Integer> byDevice(List<Reservation> reservations) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Reservation r : reservations) out.put(r.pci(), r.vmid());
        return out;
    }
}
