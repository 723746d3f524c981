package dev.sriovctl.cli;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsPort;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The inventory as a person reads it at a glance. */
final class InventoryTable {
    private InventoryTable() {
    }

    static String render(Inventory inv) {
        return render(inv, java.util.Map.of());
    }

    /** With a VM column in the VF tables when {@code vmOwners} (VF PCI address -> VM) names any. */
    static String render(Inventory inv, java.util.Map<String, String> vmOwners) {
        StringBuilder sb = new StringBuilder();
        sb.append("host ").append(nz(inv.hostname()));
        if (inv.kernel() != null) sb.append("  kernel ").append(inv.kernel());
        sb.append("  IOMMU ").append(inv.iommu().enabled() == null ? "unknown"
                : inv.iommu().enabled() ? "on (" + inv.iommu().groups() + " groups)" : "off");
        sb.append('\n');
        if (inv.nics().isEmpty()) {
            sb.append("\nNo SR-IOV capable NIC was found on ").append(inv.source()).append(".\n");
        }
        for (Nic nic : inv.nics()) {
            sb.append('\n').append("NIC ").append(nic.id()).append("  ").append(nz(nic.model()))
                    .append(" [").append(nz(nic.vendorId())).append(':').append(nz(nic.deviceId())).append(']');
            if (!nic.supported()) sb.append("  (").append(nic.family()).append(": listed only; sriovctl manages mlx5 NICs)");
            if (nic.lag() != null) sb.append("  LAG ").append(nz(nic.lag().state())).append(nic.lag().type() == null ? "" : " " + nic.lag().type());
            sb.append('\n');
            TextTable pfs = new TextTable("  PF", "NETDEV", "DRIVER", "PORT", "ESWITCH", "VFS", "MTU", "SWITCH ID", "MASTER");
            for (Pf pf : nic.pfs()) {
                pfs.row("  " + pf.pci(), pf.netdev(), pf.driver(), pf.portName(), pf.eswitchMode(),
                        nz(pf.numVfs()) + "/" + nz(pf.totalVfs()), pf.mtu(), pf.switchId(), pf.master());
            }
            sb.append(pfs.render());
            for (Pf pf : nic.pfs()) {
                if (pf.vfs().isEmpty()) continue;
                sb.append("  VFs of ").append(nz(pf.netdev())).append(" (").append(pf.pci()).append(")\n");
                boolean vms = !vmOwners.isEmpty();
                List<String> header = new ArrayList<>(List.of("    VF", "PCI", "DRIVER", "REPRESENTOR", "MAC", "VLAN", "IOMMU"));
                if (vms) header.add("VM");
                TextTable vfs = new TextTable(header.toArray(String[]::new));
                for (Vf vf : pf.vfs()) {
                    String group = vf.iommuGroup() == null ? null
                            : vf.iommuGroup() + (vf.iommuPeers().isEmpty() ? "" : " (shared)");
                    List<Object> cells = new ArrayList<>(Arrays.asList("    " + vf.index(), vf.pci(), vf.driver(), vf.representor(), vf.mac(),
                            vf.vlan() == null || vf.vlan() == 0 ? null : vf.vlan(), group));
                    if (vms) cells.add(vmOwners.get(vf.pci()));
                    vfs.row(cells.toArray());
                }
                sb.append(vfs.render());
            }
        }
        sb.append('\n');
        if (inv.ovs().running() == null) {
            sb.append("Open vSwitch: not found (ovs-vsctl not installed or not recorded)\n");
        } else if (!inv.ovs().running()) {
            sb.append("Open vSwitch: not running (ovs-vsctl cannot reach ovsdb-server)\n");
        } else {
            sb.append("Open vSwitch ").append(nz(inv.ovs().version())).append("  other_config ")
                    .append(inv.ovs().otherConfig().isEmpty() ? "{}" : inv.ovs().otherConfig().toString()).append('\n');
            for (OvsBridge br : inv.ovs().bridges()) {
                sb.append("  bridge ").append(br.name()).append(": ")
                        .append(br.ports().stream().filter(p -> !p.name().equals(br.name())).map(OvsPort::name)
                                .collect(Collectors.joining(" ")))
                        .append('\n');
            }
        }
        if (!inv.bonds().isEmpty()) {
            TextTable bonds = new TextTable("BOND", "KIND", "MODE", "LACP", "MEMBERS");
            for (Bond b : inv.bonds()) {
                bonds.row(b.name(), b.kind(), b.mode(), b.lacp(), b.members().stream().map(InventoryTable::member)
                        .collect(Collectors.joining(" ")));
            }
            sb.append('\n').append(bonds.render());
        }
        return sb.toString();
    }

    private static String member(BondMember m) {
        String state = m.enabled() == null ? "?" : m.enabled() ? "up" : "DOWN";
        return m.name() + "(" + state + (m.lacp() == null ? "" : "," + m.lacp()) + ")";
    }

    private static String nz(Object o) {
        return o == null ? "-" : o.toString();
    }
}
