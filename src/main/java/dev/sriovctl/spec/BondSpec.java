package dev.sriovctl.spec;

import java.util.List;

/**
 * The uplink bond of a bridge. Members are PF references ({@code sw1/p0}, a netdev name or a PCI
 * address). An OVS bond lives in Open vSwitch; a VF-LAG bond is a Linux bond of the two PFs of one
 * NIC, which mlx5 turns into one hardware LAG that VFs share.
 */
public sealed interface BondSpec permits OvsBondSpec, VfLagBondSpec {

    String name();

    List<String> members();

    /** The word used in the spec's {@code type:}. */
    String type();

    String mode();

    /** {@code fast} or {@code slow}; null = the default. */
    String lacpTime();
}
