package dev.sriovctl.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * IOMMU groups of the simulated machine. A new group takes the lowest free number, as
 * drivers/iommu/iommu.c iommu_group_alloc does with ida_alloc; a VF behind a port with ACS gets its
 * own group, without ACS it joins its PF's group (everything behind that port is one group).
 */
final class IommuGroups {
    private IommuGroups() {
    }

    static int allocate(SimState state) {
        TreeSet<Integer> used = new TreeSet<>(byGroup(state).keySet());
        int g = 0;
        while (used.contains(g)) g++;
        return g;
    }

    /** Group number -> PCI addresses in it, sorted. */
    static Map<Integer, TreeSet<String>> byGroup(SimState state) {
        Map<Integer, TreeSet<String>> m = new TreeMap<>();
        if (!state.iommu) return m;
        for (PlatformDevice d : state.platform) if (d.iommuGroup() >= 0) m.computeIfAbsent(d.iommuGroup(), x -> new TreeSet<>()).add(d.pci());
        for (CardState c : state.cards) {
            for (PfState pf : c.pfs) {
                if (pf.iommuGroup >= 0) m.computeIfAbsent(pf.iommuGroup, x -> new TreeSet<>()).add(SimKernel.pfPci(c, pf));
                for (VfState vf : pf.vfs) if (vf.iommuGroup >= 0) m.computeIfAbsent(vf.iommuGroup, x -> new TreeSet<>()).add(SimKernel.vfPci(c, pf, vf.index));
            }
        }
        return m;
    }
}
