package dev.sriovctl.verify;

import dev.sriovctl.observe.SysfsLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * pve-mapping-matches: every PCI mapping entry of this node matches the hardware the way Proxmox checks it
 * at VM start (pve-guest-common PVE/Mapping/PCI.pm assert_valid): the device exists; its vendor:device,
 * subsystem id and IOMMU group (first path of a ';' list only) equal the entry's, compared as lower-case
 * hex strings; a property the hardware has must not be missing from the entry.
 */
final class PveMappingMatchesCheck extends DescribedCheck {

    PveMappingMatchesCheck() {
        super("pve-mapping-matches", CheckArea.PROXMOX,
                "every PVE PCI mapping entry of this node (path, id, subsystem-id, iommugroup) matches the hardware",
                "Proxmox mappings (/cluster/mapping/pci) given to doctor, /sys/bus/pci/devices/<path>");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        if (ctx.proxmox().isEmpty()) {
            return List.of(skip("Proxmox", "no Proxmox data was given to doctor (the PVE API was not queried), so the mappings are unknown"));
        }
        ProxmoxFacts facts = ctx.proxmox().get();
        List<CheckResult> out = new ArrayList<>();
        for (ProxmoxFacts.Mapping m : facts.mappings()) {
            List<String> problems = new ArrayList<>();
            int entries = 0;
            for (ProxmoxFacts.MapEntry e : m.entries()) {
                if (facts.node() != null && !facts.node().equals(e.node())) continue;
                entries++;
                String[] paths = e.path().split(";");
                for (int i = 0; i < paths.length; i++) problems.addAll(compare(ctx, e, ProxmoxAssignments.normalise(paths[i]), i == 0));
            }
            String subject = "mapping " + m.id();
            String fix = CheckResult.fix("sriovctl pve map (rebuilds the entries from discovery)",
                    "Datacenter > Resource Mappings > " + m.id() + " > Edit, or pvesh set /cluster/mapping/pci/" + m.id() + " with corrected map entries");
            if (entries == 0) out.add(warn(subject, "no entry for node " + facts.node() + " (" + facts.source() + "): a VM using it cannot start here", fix));
            else if (problems.isEmpty()) out.add(pass(subject, entries + " entr" + (entries == 1 ? "y" : "ies") + " for " + facts.node() + " match the hardware (" + facts.source() + ")"));
            else out.add(fail(subject, String.join("; ", problems) + " (" + facts.source() + "): VMs using it fail to start with "
                    + "\"PCI device mapping invalid (hardware probably changed)\"", fix));
        }
        if (out.isEmpty()) return List.of(pass("Proxmox", "no PCI mapping defined (" + facts.source() + ")"));
        return out;
    }

    private static List<String> compare(DoctorContext ctx, ProxmoxFacts.MapEntry e, String path, boolean first) {
        List<String> p = new ArrayList<>();
        String dir = SysfsLayout.pciDevice(path);
        String vendor = hex(ctx.attribute(dir + "/vendor")), device = hex(ctx.attribute(dir + "/device"));
        if (vendor == null || device == null) {
            p.add("pci device '" + path + "' not found on " + ctx.host().description());
            return p;
        }
        String id = vendor + ":" + device;
        if (!id.equals(e.id())) p.add("'id' does not match for " + path + " (" + id + " != " + e.id() + ")");
        String sv = hex(ctx.attribute(dir + "/subsystem_vendor")), sd = hex(ctx.attribute(dir + "/subsystem_device"));
        if (sv != null && sd != null) {
            String sub = sv + ":" + sd;
            if (e.subsystemId() == null) p.add("missing expected property 'subsystem-id' for " + path + " (" + sub + ")");
            else if (!sub.equals(e.subsystemId())) p.add("'subsystem-id' does not match for " + path + " (" + sub + " != " + e.subsystemId() + ")");
        }
        if (first) {
            String group = ctx.host().readLink(dir + "/iommu_group").map(t -> t.substring(t.lastIndexOf('/') + 1)).orElse(null);
            if (group != null) {
                if (e.iommuGroup() == null) p.add("missing expected property 'iommugroup' for " + path + " (" + group + ")");
                else if (!group.equals(String.valueOf(e.iommuGroup()))) p.add("'iommugroup' does not match for " + path + " (" + group + " != " + e.iommuGroup() + ")");
            }
        }
        return p;
    }

    private static String hex(String sysfs) {
        return sysfs == null ? null : sysfs.strip().replaceFirst("^0x", "");
    }
}
