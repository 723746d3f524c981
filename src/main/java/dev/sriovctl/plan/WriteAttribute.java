package dev.sriovctl.plan;

import dev.sriovctl.host.Host;

/**
 * Writes a kernel attribute ({@code echo value > path}).
 *
 * @param onlyIfPresent skip when the path does not exist (e.g. {@code <vf>/driver/unbind} of an unbound VF)
 */
public record WriteAttribute(String path, String value, boolean onlyIfPresent) implements Action {

    public static WriteAttribute of(String path, String value) {
        return new WriteAttribute(path, value, false);
    }

    @Override
    public void apply(Host host) {
        if (onlyIfPresent && !host.exists(path)) return;
        host.writeAttribute(path, value);
    }

    @Override
    public String display() {
        String v = value.equals("\n") ? "" : value;
        return "echo " + (v.isEmpty() ? "''" : v) + " > " + path + (onlyIfPresent ? "   (if present)" : "");
    }
}
