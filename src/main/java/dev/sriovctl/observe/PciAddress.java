package dev.sriovctl.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, always with its domain and in lower case ({@code 0000:81:00.2}), the
 * way sysfs names devices and Proxmox mappings compare them.
 */
public record PciAddress(int domain, int bus, int device, int function) implements Comparable<PciAddress> {

    private static final Pattern FULL = Pattern.compile("(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

    public PciAddress {
        if (bus < 0 || bus > 0xff || device < 0 || device > 0x1f || function < 0 || function > 7 || domain < 0) {
            throw new IllegalArgumentException("not a PCI address: " + domain + ":" + bus + ":" + device + "." + function);
        }
    }

    /** Parses {@code 0000:81:00.2} or the short {@code 81:00.2} (domain 0). */
    public static PciAddress parse(String text) {
        Matcher m = text == null ? null : FULL.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a PCI address: '" + text + "' (expected e.g. 0000:81:00.2)");
        }
        int domain = m.group(1) == null ? 0 : Integer.parseInt(m.group(1), 16);
        return new PciAddress(domain, Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16),
                Integer.parseInt(m.group(4)));
    }

    public static boolean isValid(String text) {
        return text != null && FULL.matcher(text.strip()).matches();
    }

    /** The card this function belongs to: {@code 0000:81:00}. */
    public String slot() {
        return hex(domain, 4) + ":" + hex(bus, 2) + ":" + hex(device, 2);
    }

    /** The address {@code count} routing IDs after this one (SR-IOV VF offset/stride arithmetic). */
    public PciAddress plusRoutingId(int count) {
        int rid = (bus << 8) | (device << 3) | function;
        rid += count;
        if (rid < 0 || rid > 0xffff) throw new IllegalArgumentException("PCI bus number out of range");
        return new PciAddress(domain, rid >> 8, (rid >> 3) & 0x1f, rid & 7);
    }

    @Override
    public String toString() {
        return slot() + "." + function;
    }

    /**
     * Lower-case hex, zero-padded to {@code digits}. Not String.format: its first use in a run sets
     * up java.util.Formatter and locale data, a measurable part of a short command's start-up.
     */
    static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    @Override
    public int compareTo(PciAddress o) {
        return toString().compareTo(o.toString());
    }
}
