package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.Host;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Builds {@link StatusReport}: reading is {@link #run}, the rest is pure ({@link #build}). */
public final class MappingStatusReport {
    private MappingStatusReport() {
    }

    /** The host sriovctl looked at: its node, its VFs, and who holds them now. */
    public record LocalView(String node, Inventory inventory, Map<String, Integer> reservations) {
    }

    public static StatusReport run(PveApi api, String mappingId, LocalView local) {
        List<PciMapping> mappings = ClusterReader.mappings(api);
        List<VmRef> vms = ClusterReader.vms(api).stream().filter(v -> !v.template()).toList();
        List<String> unreadable = new ArrayList<>();
        StatusReport r = build(api.describe(), mappings, ClusterReader.usesTolerant(api, vms, unreadable), mappingId, local);
        if (unreadable.isEmpty()) return r;
        List<StatusReport.Mapping> withProblems = new ArrayList<>();
        for (StatusReport.Mapping m : r.mappings()) {
            List<String> p = new ArrayList<>(m.problems());
            p.addAll(unreadable);
            withProblems.add(new StatusReport.Mapping(m.id(), m.description(), m.nodes(), p));
        }
        return new StatusReport(r.via(), r.localNode(), withProblems);
    }

    /**
     * The same report from pmxcfs files on the host instead of the API (read-only: a snapshot, a simulated host, a
     * node without pvesh); empty when the host has no {@code /etc/pve}. VMs of other nodes have no known state.
     */
    public static Optional<StatusReport> fromHost(Host host, String mappingId, LocalView local) {
        return PveFacts.fromHost(host, local == null ? null : local.node()).map(f -> {
            List<VmUse> vms = new ArrayList<>(f.vms());
            vms.addAll(PmxcfsReader.otherNodesVms(host, f.node()));
            vms.removeIf(u -> !u.consumes());
            LocalView here = new LocalView(f.node(), local == null ? null : local.inventory(), f.heldBy());
            return build(host.originOfFile(PmxcfsReader.ROOT) + " (pmxcfs files)", f.mappings(), vms, mappingId, here);
        });
    }

    public static StatusReport build(String via, List<PciMapping> mappings, List<VmUse> vms, String mappingId, LocalView local) {
        List<PciMapping> chosen = mappingId == null ? mappings : mappings.stream().filter(m -> m.id().equals(mappingId)).toList();
        if (mappingId != null && chosen.isEmpty()) {
            throw new InputException(SourceLocation.of("--mapping " + mappingId), "no such PCI mapping visible through " + via,
                    mappings.isEmpty() ? "no mapping is visible: create one with 'sriovctl pve map'" : "mappings: " + String.join(", ", mappings.stream().map(PciMapping::id).toList()));
        }
        Map<String, Vf> localVfs = new HashMap<>();
        if (local != null && local.inventory() != null) for (Pf pf : local.inventory().pfs()) for (Vf vf : pf.vfs()) localVfs.put(vf.pci(), vf);
        List<StatusReport.Mapping> out = new ArrayList<>();
        for (PciMapping m : chosen) {
            List<String> problems = new ArrayList<>();
            TreeSet<String> nodes = new TreeSet<>();
            for (PciMapping.Parsed p : m.parsed()) {
                if (p.entry() == null) problems.add("unreadable entry '" + p.text() + "': " + p.error());
                else nodes.add(p.entry().node());
            }
            for (VmUse u : vms) if (u.consumes() && !u.slotsOf(m.id()).isEmpty()) nodes.add(u.vm().node());
            List<StatusReport.Node> rows = new ArrayList<>();
            for (String node : nodes) {
                List<MapEntry> entries = m.entriesFor(node);
                List<StatusReport.Vm> users = new ArrayList<>();
                int used = 0;
                for (VmUse u : vms) {
                    if (!u.consumes() || !node.equals(u.vm().node())) continue;
                    int n = u.slotsOf(m.id()).size();
                    if (n == 0) continue;
                    used += n;
                    users.add(new StatusReport.Vm(u.vm().vmid(), u.vm().name(), u.vm().status(), n));
                }
                boolean isLocal = local != null && node.equals(local.node());
                List<StatusReport.VfEntry> vfRows = new ArrayList<>();
                for (MapEntry e : entries) {
                    Vf vf = isLocal ? localVfs.get(e.path()) : null;
                    Integer held = isLocal && local.reservations() != null ? local.reservations().get(e.path()) : null;
                    vfRows.add(new StatusReport.VfEntry(e.path(), e.id(), e.subsystemId(), e.iommugroup(), vf == null ? null : vf.driver(), held));
                }
                if (entries.isEmpty() && used > 0) {
                    problems.add("VMs on " + node + " use it, but it has no entry for " + node + ": they cannot start there");
                } else if (used > entries.size()) {
                    problems.add("on " + node + " VMs use " + used + " of its " + entries.size() + " VFs: not all can run at once");
                }
                rows.add(new StatusReport.Node(node, entries.size(), used, entries.size() - used, users, vfRows));
            }
            out.add(new StatusReport.Mapping(m.id(), m.description(), rows, problems));
        }
        return new StatusReport(via, local == null ? null : local.node(), out);
    }
}
