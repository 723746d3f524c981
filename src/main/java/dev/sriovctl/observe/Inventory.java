package dev.sriovctl.observe;

import java.util.List;
import java.util.Optional;

/**
 * Everything discovered about one host: the JSON of DESIGN section 4 ({@code discover -o json}).
 * Unknown values are null, never guessed; {@code warnings} names each input that could not be
 * used (file or command) and what was left unknown because of it.
 */
public record Inventory(
        String hostname,
        String kernel,
        String source,
        Iommu iommu,
        List<Nic> nics,
        OvsState ovs,
        List<Bond> bonds,
        List<String> warnings) {

    public Inventory {
        nics = List.copyOf(nics);
        bonds = List.copyOf(bonds);
        warnings = List.copyOf(warnings);
    }

    /** All PFs of all NICs, in NIC then function order. */
    public List<Pf> pfs() {
        return nics.stream().flatMap(n -> n.pfs().stream()).toList();
    }

    /** The PF with this PCI address or netdev name. */
    public Optional<Pf> pf(String pciOrNetdev) {
        return pfs().stream()
                .filter(p -> p.pci().equals(pciOrNetdev) || pciOrNetdev.equals(p.netdev()))
                .findFirst();
    }

    /** The NIC a PF belongs to. */
    public Optional<Nic> nicOf(Pf pf) {
        // by PCI address: the same PF, without a record equals() (its first call is slow to set up)
        return nics.stream().filter(n -> n.pfs().stream().anyMatch(p -> p.pci().equals(pf.pci()))).findFirst();
    }

    /** The bond with this name, OVS or Linux. */
    public Optional<Bond> bond(String name) {
        return bonds.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
