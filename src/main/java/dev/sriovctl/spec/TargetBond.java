package dev.sriovctl.spec;

import java.util.List;

/**
 * A bond with its members resolved to PF netdevs and PCI addresses.
 *
 * @param lacpFallbackAb effective value for an OVS bond (its own, else the {@code ovs:} default); null for vf-lag
 */
public record TargetBond(BondSpec spec, List<String> memberNetdevs, List<String> memberPcis, Boolean lacpFallbackAb,
                         String specPath) {

    public TargetBond {
        memberNetdevs = List.copyOf(memberNetdevs);
        memberPcis = List.copyOf(memberPcis);
    }

    public String name() {
        return spec.name();
    }

    public boolean isVfLag() {
        return spec instanceof VfLagBondSpec;
    }
}
