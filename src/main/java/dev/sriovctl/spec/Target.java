package dev.sriovctl.spec;

import java.util.List;
import java.util.Optional;

/**
 * The spec resolved against one host's inventory: every name, PCI address and representor name
 * the host will have once converged. Renderers and the planner work from this, never from raw
 * spec strings, so identifiers always come from discovery (DESIGN section 2).
 */
public record Target(List<TargetNic> nics, OvsSpec ovs, List<TargetBridge> bridges, List<TargetMapping> mappings,
                     SpecSource source) {

    public Target {
        nics = List.copyOf(nics);
        bridges = List.copyOf(bridges);
        mappings = List.copyOf(mappings);
    }

    public List<TargetPf> pfs() {
        return nics.stream().flatMap(n -> n.pfs().stream()).toList();
    }

    public Optional<TargetPf> pf(String pci) {
        return pfs().stream().filter(p -> p.pci().equals(pci)).findFirst();
    }

    /** The bridge a netdev is a port (or bond member) of, if any. */
    public Optional<TargetBridge> bridgeOf(String netdev) {
        return bridges.stream().filter(b -> b.ports().stream().anyMatch(p -> p.netdev().equals(netdev))
                || (b.bond() != null && b.bond().memberNetdevs().contains(netdev))).findFirst();
    }
}
