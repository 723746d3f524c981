package dev.sriovctl.pve;

import dev.sriovctl.observe.PciAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VM's {@code hostpciN} option (qemu-server src/PVE/QemuServer/PCI.pm {@code $hostpci_fmt}):
 * either {@code host=} raw addresses (default key; root only) or {@code mapping=<id>}, plus
 * {@code pcie}, {@code rombar} and the rest. N is 0..15.
 */
public record HostPci(int index, String host, String mapping, boolean pcie, Map<String, String> options, String raw) {

    /** qemu-server allows hostpci0..hostpci15. */
    public static final int SLOTS = 16;
    private static final Pattern KEY = Pattern.compile("hostpci(\\d+)");

    public HostPci {
        options = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    }

    /** The slot number of an option name, or -1 when it is not a hostpciN key. */
    public static int slotOf(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public static HostPci parse(int index, String value) {
        Map<String, String> kv = new LinkedHashMap<>(PropertyString.parse(value, "host"));
        String host = kv.remove("host");
        String mapping = kv.remove("mapping");
        String pcie = kv.remove("pcie");
        return new HostPci(index, host, mapping, "1".equals(pcie) || "true".equalsIgnoreCase(pcie), kv, value);
    }

    /** The value sriovctl writes: {@code mapping=<id>[,pcie=1]}. */
    public static String mappingValue(String mapping, boolean pcie) {
        return "mapping=" + mapping + (pcie ? ",pcie=1" : "");
    }

    /**
     * The PCI functions a raw {@code host=} names, with domain: {@code 81:00.2} is 0000:81:00.2,
     * a device without function ({@code 0000:81:00}) names all its functions, so it is returned
     * as the prefix {@code 0000:81:00.}; ';' separates alternatives.
     */
    public List<String> hostAddresses() {
        List<String> out = new ArrayList<>();
        if (host == null) return out;
        for (String h : host.split(";")) {
            String s = h.strip().toLowerCase(java.util.Locale.ROOT);
            if (s.isEmpty()) continue;
            if (PciAddress.isValid(s)) {
                out.add(PciAddress.parse(s).toString());
            } else if (s.matches("(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}")) {
                out.add((s.length() == 5 ? "0000:" + s : s) + ".");
            }
        }
        return out;
    }

    /** Whether a raw host= entry covers this function address. */
    public boolean covers(String pci) {
        for (String a : hostAddresses()) {
            if (a.endsWith(".") ? pci.startsWith(a) : pci.equals(a)) return true;
        }
        return false;
    }
}
