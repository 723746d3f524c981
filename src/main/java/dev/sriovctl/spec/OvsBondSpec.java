package dev.sriovctl.spec;

import java.util.List;

/**
 * An Open vSwitch bond ({@code ovs_type OVSBond}).
 *
 * @param mode           {@code bond_mode}: balance-tcp (needs LACP), balance-slb or active-backup
 * @param lacp           active, passive or off
 * @param lacpFallbackAb {@code other_config:lacp-fallback-ab} on this Port; null = the {@code ovs:} default
 * @param miimon         link check interval in ms ({@code bond-detect-mode=miimon}); null = carrier
 */
public record OvsBondSpec(String name, List<String> members, String mode, String lacp, String lacpTime,
                          Boolean lacpFallbackAb, Integer miimon) implements BondSpec {

    public static final List<String> MODES = List.of("balance-tcp", "balance-slb", "active-backup");

    public OvsBondSpec {
        members = List.copyOf(members);
        mode = mode == null ? "balance-tcp" : mode;
        lacp = lacp == null ? "active" : lacp;
    }

    @Override
    public String type() {
        return "ovs";
    }
}
