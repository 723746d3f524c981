package dev.sriovctl.spec;

import java.util.List;

/**
 * A spec NIC on its physical card.
 *
 * @param slot          the card's PCI slot ({@code 0000:81:00})
 * @param physicalPorts how many PFs the card has (VF-LAG needs exactly two)
 */
public record TargetNic(String name, String slot, String model, SwitchdevOrder order, int physicalPorts,
                        List<TargetPf> pfs) {

    public TargetNic {
        pfs = List.copyOf(pfs);
    }
}
