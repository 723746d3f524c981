package dev.sriovctl.verify;

import java.util.List;

/**
 * What Proxmox VE says about this node, as doctor needs it (an optional input; the lead maps the {@code pve}
 * package's answers onto it). Without it, pve-mapping-matches and vf-single-assignment skip.
 *
 * @param source   where it came from, for evidence ({@code PVE API https://pve1:8006}, {@code /etc/pve/mapping/pci.cfg})
 * @param node     this node's name in the cluster (map entries of other nodes are not judged here)
 * @param mappings the PCI resource mappings ({@code /cluster/mapping/pci})
 * @param guests   the VMs of this node with their hostpci entries
 */
public record ProxmoxFacts(String source, String node, List<Mapping> mappings, List<Guest> guests) {

    public ProxmoxFacts {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        guests = guests == null ? List.of() : List.copyOf(guests);
    }

    /** One mapping id and its map entries (pve-guest-common src/PVE/Mapping/PCI.pm). */
    public record Mapping(String id, List<MapEntry> entries) {
        public Mapping {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /**
     * One {@code map} property string: {@code node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=45}.
     * {@code path} may hold alternatives joined by ';'; {@code subsystemId} and {@code iommuGroup} may be null.
     */
    public record MapEntry(String node, String path, String id, String subsystemId, Integer iommuGroup) {
    }

    /**
     * A VM with its {@code hostpciN} entries; {@code running} from its status.
     *
     * @param hostpci values as in the VM config: {@code mapping=network,pcie=1} or {@code 0000:81:00.2,pcie=1}
     */
    public record Guest(int vmid, String name, boolean running, List<String> hostpci) {
        public Guest {
            hostpci = hostpci == null ? List.of() : List.copyOf(hostpci);
        }
    }
}
