package dev.sriovctl.spec;

/**
 * Open vSwitch settings of the {@code Open_vSwitch} table; null = leave as it is.
 *
 * @param lacpFallbackAb default for every OVS bond: it is a Port key, so it is rendered into each
 *                       bond's {@code ovs_options}, never onto the Open_vSwitch table (where it does nothing)
 * @param maxIdle        {@code other_config:max-idle} in milliseconds
 */
public record OvsSpec(Boolean hwOffload, String tcPolicy, Boolean lacpFallbackAb, Integer maxIdle) {

    public static OvsSpec unset() {
        return new OvsSpec(null, null, null, null);
    }
}
