package dev.sriovctl.observe;

import java.util.Optional;

/**
 * Looks a device up in the pci.ids format: a vendor line {@code 15b3  Mellanox Technologies}, then
 * device lines indented by one tab {@code \t101f  MT2894 Family [ConnectX-6 Lx]}.
 */
public final class PciIdsParser {
    private PciIdsParser() {
    }

    public static Optional<String> deviceName(String ids, String vendorId, String deviceId) {
        boolean inVendor = false;
        int pos = 0;
        int n = ids.length();
        while (pos < n) {
            int end = ids.indexOf('\n', pos);
            if (end < 0) end = n;
            String line = ids.substring(pos, end);
            pos = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            if (line.charAt(0) != '\t') {
                if (inVendor) return Optional.empty();
                inVendor = line.regionMatches(true, 0, vendorId, 0, 4) && line.length() > 4 && line.charAt(4) == ' ';
                if (line.startsWith("C ")) return Optional.empty(); // class section: past all vendors
                continue;
            }
            if (inVendor && line.length() > 5 && line.charAt(1) != '\t'
                    && line.regionMatches(true, 1, deviceId, 0, 4) && line.charAt(5) == ' ') {
                return Optional.of(line.substring(6).strip());
            }
        }
        return Optional.empty();
    }
}
