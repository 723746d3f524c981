package dev.sriovctl.observe;

import java.util.Locale;
import java.util.regex.Pattern;

/** An Ethernet MAC address in the kernel's lower-case colon form. */
public record MacAddress(String value) {

    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");

    public MacAddress {
        if (value == null || !MAC.matcher(value).matches()) {
            throw new IllegalArgumentException("not a MAC address: '" + value + "' (expected six colon-separated hex bytes, e.g. c4:70:ff:ff:ff:e0)");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static MacAddress parse(String text) {
        return new MacAddress(text == null ? null : text.strip());
    }

    public static boolean isValid(String text) {
        return text != null && MAC.matcher(text.strip()).matches();
    }

    /** Multicast (group) addresses cannot be a VF's own address. */
    public boolean isMulticast() {
        return (Integer.parseInt(value.substring(0, 2), 16) & 1) == 1;
    }

    public boolean isZero() {
        return value.equals("00:00:00:00:00:00");
    }

    @Override
    public String toString() {
        return value;
    }
}
