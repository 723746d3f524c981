package dev.sriovctl.verify;

import dev.sriovctl.pve.MappingChecks;
import dev.sriovctl.pve.PciDeviceInfo;
import dev.sriovctl.pve.PveFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pve-mapping-matches: every PCI mapping entry of this node matches the hardware the way Proxmox checks it
 * at VM start, and (with a spec) every mapping the spec names has this node's VFs. The judging is
 * {@link MappingChecks}'s; this check feeds it the Proxmox facts and the host's sysfs.
 */
final class PveMappingMatchesCheck extends DescribedCheck {

    PveMappingMatchesCheck() {
        super("pve-mapping-matches", CheckArea.PROXMOX,
                "every PVE PCI mapping entry of this node (path, id, subsystem-id, iommugroup) matches the hardware, "
                        + "and each mapping the spec names has an entry for each of its VFs",
                "/etc/pve/mapping/pci.cfg (or the PVE API's /cluster/mapping/pci), /sys/bus/pci/devices/<path>/{vendor,device,subsystem_*,iommu_group}");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Observed<PveFacts> pve = ctx.proxmox();
        if (!pve.present()) return List.of(skip("Proxmox", pve.missing()));
        PveFacts f = pve.value();
        String source = "mappings from " + f.source() + ", devices from /sys/bus/pci/devices on " + ctx.host().description();
        List<CheckResult> out = new ArrayList<>(PveFindings.results(
                MappingChecks.mappingMatches(f.node(), f.mappings(), pci -> PciDeviceInfo.read(ctx.host(), pci)), source));
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        ctx.expectations().ifPresent(e -> e.mappings().forEach(m -> wanted.put(m.id(), m.vfs())));
        if (!wanted.isEmpty()) {
            // without entries for this node pve answers one SKIP; the spec's mappings are judged instead
            out.removeIf(r -> r.status() == CheckStatus.SKIP);
            out.addAll(PveFindings.results(MappingChecks.expectedMappings(f.node(), f.mappings(), wanted, ctx.specName()), "mappings from " + f.source()));
        }
        return out;
    }
}
