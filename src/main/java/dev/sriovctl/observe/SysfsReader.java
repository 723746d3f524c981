package dev.sriovctl.observe;

import dev.sriovctl.host.Host;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reads of kernel attributes through a {@link Host}. A value that is present but cannot be
 * understood ("abc" in sriov_numvfs) becomes null and a warning naming the file.
 */
final class SysfsReader {

    private static final Pattern HEX_ID = Pattern.compile("(0x)?[0-9a-fA-F]{4}");

    private final Host host;
    private final List<String> warnings;

    SysfsReader(Host host, List<String> warnings) {
        this.host = host;
        this.warnings = warnings;
    }

    /** The attribute's text without its trailing newline, or null when absent or unreadable. */
    String text(String path) {
        Optional<String> v = host.read(path);
        if (v.isEmpty()) return null;
        String s = v.get();
        if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
        return s.strip();
    }

    /** A non-empty text attribute, or null (phys_port_name is empty on a legacy-mode PF on some kernels). */
    String nonEmpty(String path) {
        String s = text(path);
        return s == null || s.isEmpty() ? null : s;
    }

    Integer integer(String path) {
        String s = text(path);
        if (s == null) return null;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            warnings.add(host.originOfFile(path) + ": '" + abbreviate(s) + "' is not a number; treated as unknown");
            return null;
        }
    }

    /**
     * A PCI id attribute as four lower-case hex digits ({@code 15b3}), or null. {@code vendor}/{@code device}
     * print {@code 0x15b3}; {@code sriov_vf_device} prints {@code 101e} without the prefix (drivers/pci/iov.c).
     */
    String pciId(String path) {
        String s = text(path);
        if (s == null) return null;
        if (!HEX_ID.matcher(s).matches()) {
            warnings.add(host.originOfFile(path) + ": '" + abbreviate(s) + "' is not a PCI id (expected e.g. 0x15b3); treated as unknown");
            return null;
        }
        return s.substring(s.length() - 4).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * {@code sriov_vf_device}: the kernel prints it as {@code "%x"} ("101e", drivers/pci/iov.c
     * sriov_vf_device_show); a 2025 patch proposes "0x%04x", so both forms are read.
     */
    String vfDeviceId(String path) {
        String s = text(path);
        if (s == null) return null;
        String hex = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (!hex.matches("[0-9a-fA-F]{1,4}")) {
            warnings.add(host.originOfFile(path) + ": '" + abbreviate(s) + "' is not a PCI device id; treated as unknown");
            return null;
        }
        return "0".repeat(4 - hex.length()) + hex.toLowerCase(java.util.Locale.ROOT);
    }

    /** The last component of a symlink's target (a driver's or an IOMMU group's name), or null. */
    String linkName(String path) {
        return host.readLink(path).map(t -> {
            String x = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            return x.substring(x.lastIndexOf('/') + 1);
        }).orElse(null);
    }

    Integer linkNumber(String path) {
        String n = linkName(path);
        if (n == null) return null;
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            warnings.add(host.originOfFile(path) + ": link to '" + abbreviate(n) + "' is not a number; treated as unknown");
            return null;
        }
    }

    List<String> list(String dir) {
        return host.list(dir);
    }

    boolean exists(String path) {
        return host.exists(path);
    }

    static String abbreviate(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }
}
