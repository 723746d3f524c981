package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One device's firmware settings as {@code mstconfig/mlxconfig query} prints them.
 *
 * @param device     the {@code Device:} line (a PCI address or /dev/mst path), or null when the output had no header
 * @param deviceType the {@code Device type:} line (ConnectX6LX, ...), or null
 * @param columns    the value columns in print order: some of Default, Current, Next Boot (and New for "set")
 * @param params     by parameter name
 */
public record FirmwareConfig(String device, String deviceType, List<String> columns, Map<String, Param> params) {

    public FirmwareConfig {
        columns = List.copyOf(columns);
        params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    }

    /**
     * One parameter; each value as printed ({@code True(1)}, {@code 8}, {@code ETH(2)}, {@code N/A}), null when
     * the column is absent. {@code changed} is the leading '*' mlxconfig puts on a parameter whose next-boot
     * value differs from its default or current value.
     */
    public record Param(String name, String defaultValue, String current, String nextBoot, boolean changed) {

        /** The current value when shown (query -e), else the next-boot value (what the plain query shows). */
        public String effective() {
            return current != null ? current : nextBoot;
        }
    }

    public Optional<Param> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean hasCurrentColumn() {
        return columns.contains("Current");
    }

    /** {@code True(1)} -> true, {@code False(0)} -> false; a bare 1/0 too; anything else null. */
    public static Boolean bool(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.startsWith("True") || v.equals("1")) return true;
        if (v.startsWith("False") || v.equals("0")) return false;
        return null;
    }

    /** {@code 8} -> 8, {@code ETH(2)} -> 2; {@code N/A} and others null. */
    public static Integer number(String value) {
        if (value == null) return null;
        String v = value.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:\\w*\\()?(\\d+)\\)?$").matcher(v);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }
}
