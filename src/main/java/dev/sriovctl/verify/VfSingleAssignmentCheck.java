package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * vf-single-assignment: no VF is given to two VMs (two raw hostpci addresses, or more users of a mapping
 * than it has devices on this node), and none is used by the host while a VM is meant to get it.
 */
final class VfSingleAssignmentCheck extends DescribedCheck {

    VfSingleAssignmentCheck() {
        super("vf-single-assignment", CheckArea.PROXMOX,
                "no VF is assigned to more than one VM, and none is used by the host (a host netdev in OVS or /etc/network/interfaces)",
                "Proxmox VM configs and mappings given to doctor, /sys/bus/pci/devices/<vf>/driver and net/");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        if (ctx.proxmox().isEmpty()) {
            return List.of(skip("Proxmox", "no Proxmox data was given to doctor (the PVE API was not queried), so VM assignments are unknown"));
        }
        ProxmoxFacts facts = ctx.proxmox().get();
        List<ProxmoxAssignments.Claim> claims = ProxmoxAssignments.claims(facts);
        Map<String, Vf> vfs = new LinkedHashMap<>();
        for (Pf pf : ctx.inventory().pfs()) for (Vf vf : pf.vfs()) vfs.put(vf.pci(), vf);
        List<CheckResult> out = new ArrayList<>();
        Map<String, List<ProxmoxAssignments.Claim>> raw = new LinkedHashMap<>();
        Map<String, List<ProxmoxAssignments.Claim>> byMapping = new LinkedHashMap<>();
        for (ProxmoxAssignments.Claim c : claims) {
            if (c.mapping() != null) byMapping.computeIfAbsent(c.mapping(), k -> new ArrayList<>()).add(c);
            else if (c.devices().size() == 1) raw.computeIfAbsent(c.devices().get(0), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<ProxmoxAssignments.Claim>> e : raw.entrySet()) {
            if (e.getValue().size() > 1 && vfs.containsKey(e.getKey())) {
                out.add(fail(e.getKey(), "assigned to " + e.getValue().stream().map(ProxmoxAssignments.Claim::describe).collect(Collectors.joining(" and "))
                                + " (" + facts.source() + "): only one can start",
                        CheckResult.fix("sriovctl pve attach (picks a free VF through a mapping)", "give each VM its own VF, or use a mapping with several VFs (qm set <vmid> -hostpciN mapping=<id>)")));
            }
        }
        for (Map.Entry<String, List<ProxmoxAssignments.Claim>> e : byMapping.entrySet()) {
            int devices = e.getValue().get(0).devices().size();
            if (e.getValue().size() > devices) {
                out.add(warn("mapping " + e.getKey(), e.getValue().size() + " hostpci entries use it (" + e.getValue().stream()
                                .map(ProxmoxAssignments.Claim::describe).collect(Collectors.joining("; ")) + ") but it has " + devices + " device(s) on this node: "
                                + "not all of these VMs can run at once (" + facts.source() + ")",
                        CheckResult.fix("sriovctl pve map (adds every VF of the PF to the mapping)", "add VFs to the mapping in Datacenter > Resource Mappings")));
            }
        }
        for (String pci : claims.stream().flatMap(c -> c.devices().stream()).distinct().toList()) {
            Vf vf = vfs.get(pci);
            if (vf == null || vf.netdev() == null) continue;
            String use = hostUse(ctx, vf.netdev());
            if (use == null) continue;
            out.add(fail(pci, "VF " + pci + " is meant for a VM (" + facts.source() + ") but the host uses its netdev " + vf.netdev() + ": " + use,
                    CheckResult.fix(null, "remove " + vf.netdev() + " from the host's network configuration; the VM gets the VF through vfio-pci")));
        }
        if (out.isEmpty()) {
            return List.of(pass("Proxmox", claims.size() + " hostpci entr" + (claims.size() == 1 ? "y" : "ies") + " checked: no VF is given twice or used by the host ("
                    + facts.source() + ")"));
        }
        return out;
    }

    private static String hostUse(DoctorContext ctx, String netdev) {
        if (ctx.inventory().ovs().bridgeOf(netdev).isPresent()) return "it is a port of OVS bridge " + ctx.inventory().ovs().bridgeOf(netdev).get().name();
        Observed<List<dev.sriovctl.observe.IfaceStanza>> ifaces = ctx.interfaces();
        if (ifaces.present()) {
            for (var s : ifaces.value()) if (s.name().equals(netdev)) return "configured at " + s.location();
        }
        return null;
    }
}
