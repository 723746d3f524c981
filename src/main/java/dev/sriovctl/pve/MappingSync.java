package dev.sriovctl.pve;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.PciAddress;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sriovctl pve map}: makes a cluster PCI mapping hold exactly this node's chosen VFs,
 * keeping every other node's entries. Reads the mappings, merges ({@link MappingMerge}), then
 * creates the mapping (POST) or replaces its {@code map} list (PUT) with the digest it read, so a
 * concurrent edit makes PVE refuse the write instead of losing it.
 */
public final class MappingSync {
    private MappingSync() {
    }

    /** The description a mapping gets when sriovctl creates it (marks what sriovctl owns). */
    public static final String DEFAULT_DESCRIPTION = "SR-IOV VFs, managed by sriovctl";

    public static MapResult run(PveApi api, Inventory inventory, MapRequest req) {
        return run(api, inventory, req, req.selector().select(inventory));
    }

    /** The same with VFs chosen by the caller (the spec's {@code proxmox.mappings[].vfs}). */
    public static MapResult run(PveApi api, Inventory inventory, MapRequest req, List<SelectedVf> vfs) {
        String node = NodeResolver.resolve(api, req.node(), inventory.hostname(), inventory.source());
        List<String> warnings = new ArrayList<>();
        List<MapEntry> desired = desiredEntries(node, vfs, warnings);
        Optional<PciMapping> current = ClusterReader.mapping(ClusterReader.mappings(api), req.mapping());

        if (current.isEmpty()) {
            List<String> after = desired.stream().map(MapEntry::format).toList();
            if (!req.dryRun()) {
                api.post(ClusterReader.MAPPINGS, Form.of().with("id", req.mapping()).withAll("map", after)
                        .with("description", req.description() == null ? DEFAULT_DESCRIPTION : req.description()));
            }
            return new MapResult(req.mapping(), node, api.describe(), req.dryRun() ? "would create" : "created", req.dryRun(),
                    List.of(), after, after, List.of(), 0, warnings);
        }
        PciMapping m = current.get();
        if (m.mdev()) {
            warnings.add("mapping '" + m.id() + "' is marked mdev=1, but ConnectX VFs have no mediated devices: PVE 8.4 and newer refuse to start VMs with it (unset 'Use with mediated devices' in Datacenter > Resource Mappings)");
        }
        MappingMerge.Result merged = MappingMerge.merge(m.map(), node, desired);
        warnings.addAll(merged.warnings());
        boolean describe = req.description() != null && !req.description().equals(m.description());
        if (!merged.changed() && !describe) {
            return new MapResult(req.mapping(), node, api.describe(), "unchanged", req.dryRun(), m.map(), m.map(),
                    List.of(), List.of(), merged.kept().size(), warnings);
        }
        if (!req.dryRun()) {
            if (m.digest() == null || m.digest().isBlank()) {
                throw new PveApiException(PveApiException.Kind.MALFORMED, 200, "GET " + ClusterReader.MAPPINGS,
                        "PVE did not return the digest of mapping '" + m.id() + "': refusing to write without it (another change could be lost)", null, null);
            }
            // PCI.pm update: check_config(..., create=1) wants 'map' on every PUT, and the list replaces the stored one
            Form body = Form.of().withAll("map", merged.after()).with("digest", m.digest());
            if (describe) body = body.with("description", req.description());
            api.put(ClusterReader.MAPPINGS + "/" + m.id(), body);
        }
        return new MapResult(req.mapping(), node, api.describe(), req.dryRun() ? "would update" : "updated", req.dryRun(),
                m.map(), merged.after(), merged.added(), merged.removed(), merged.kept().size(), warnings);
    }

    /**
     * One entry per VF, every value from discovery: {@code path} is the VF's address (lower case,
     * with domain, as PCI.pm's pattern wants), {@code id} vendor:device, {@code subsystem-id} and
     * {@code iommugroup} as sysfs has them, because PVE's {@code assert_valid} requires each value
     * sysfs has and refuses each it lacks.
     */
    public static List<MapEntry> desiredEntries(String node, List<SelectedVf> vfs, List<String> warnings) {
        List<MapEntry> out = new ArrayList<>();
        for (SelectedVf s : vfs) {
            Vf vf = s.vf();
            if (vf.vendorId() == null || vf.deviceId() == null) {
                warnings.add("left out " + s.label() + ": its vendor/device id could not be read from sysfs");
                continue;
            }
            if (vf.iommuGroup() == null) {
                warnings.add(s.label() + " has no IOMMU group: VMs cannot get it until the IOMMU is on (doctor: iommu-enabled)");
            } else if (!vf.iommuPeers().isEmpty()) {
                warnings.add(s.label() + " shares IOMMU group " + vf.iommuGroup() + " with " + String.join(", ", vf.iommuPeers())
                        + ": they would go to the VM together (doctor: vf-iommu-isolated)");
            }
            if (vf.driver() != null && !vf.driver().equals("vfio-pci")) {
                warnings.add(s.label() + " is bound to " + vf.driver() + " on this host: Proxmox would take it away at VM start (doctor: vf-single-assignment)");
            }
            out.add(MapEntry.of(node, PciAddress.parse(vf.pci()), vf.vendorId() + ":" + vf.deviceId(), vf.subsystemId(), vf.iommuGroup()));
        }
        if (out.isEmpty()) {
            throw new dev.sriovctl.InputException(dev.sriovctl.SourceLocation.of("VF selection"), "none of the chosen VFs could be described for PVE",
                    String.join("; ", warnings));
        }
        return out;
    }
}
