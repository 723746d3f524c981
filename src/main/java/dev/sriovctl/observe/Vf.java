package dev.sriovctl.observe;

import java.util.List;

/**
 * A virtual function of a PF.
 *
 * @param netdev      the VF's own netdev when a host driver (mlx5_core) is bound; null under vfio-pci
 * @param representor the VF's representor netdev on the e-switch (switchdev mode), or null
 * @param iommuPeers  other PCI devices in the same IOMMU group (they would go to the VM too)
 */
public record Vf(
        int index,
        String pci,
        String vendorId,
        String deviceId,
        String subsystemId,
        String driver,
        String netdev,
        String representor,
        String mac,
        Integer vlan,
        Boolean trust,
        Boolean spoofchk,
        String linkState,
        Integer maxTxRate,
        Integer iommuGroup,
        List<String> iommuPeers) {

    public Vf {
        iommuPeers = iommuPeers == null ? List.of() : List.copyOf(iommuPeers);
    }
}
