package dev.sriovctl.pve;

import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The doctor's Proxmox checks, as pure functions returning findings (DESIGN section 5):
 * {@code pve-mapping-matches} and {@code vf-single-assignment}.
 */
public final class MappingChecks {
    private MappingChecks() {
    }

    /**
     * {@code pve-mapping-matches}: every entry of this node, in every mapping, passes PVE's own
     * test, which qemu-server runs for all of them at every VM start (so one stale entry stops every
     * VM using the mapping: "PCI device mapping invalid (hardware probably changed)"). Mirrors
     * pve-guest-common src/PVE/Mapping/PCI.pm {@code assert_valid} (since c29c6fc): for each path
     * (a path without function means its function 0), the device must exist; for id, iommugroup
     * (first path only) and subsystem-id, in that order: a value sysfs has but the entry lacks is
     * "missing", one the entry has but sysfs lacks is "unexpected", and otherwise both strings,
     * with "0x" removed, must be equal: case-sensitive, no numeric parsing. Since PVE 8.4 the
     * mapping's {@code mdev} flag must also equal the device's capability. Entries PVE cannot
     * parse are skipped by PVE with a warning ({@code get_node_mapping}), so they warn here too.
     */
    public static List<Finding> mappingMatches(String node, List<PciMapping> mappings, Function<String, Optional<PciDeviceInfo>> devices) {
        List<Finding> out = new ArrayList<>();
        boolean any = false;
        for (PciMapping m : mappings) {
            for (PciMapping.Parsed p : m.parsed()) {
                String subject = "mapping " + m.id() + ": " + p.text();
                if (p.entry() == null) {
                    out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.WARN, "mapping " + m.id(),
                            "PVE cannot read the entry '" + p.text() + "' (" + p.error() + ") and ignores it",
                            "remove or rewrite it in Datacenter > Resource Mappings, or with 'sriovctl pve map --mapping " + m.id() + "'"));
                    continue;
                }
                MapEntry e = p.entry();
                if (!e.node().equals(node)) continue;
                any = true;
                List<String> schema = e.schemaProblems();
                if (!schema.isEmpty()) {
                    out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.WARN, subject,
                            "PVE's schema refuses this entry (" + String.join("; ", schema) + "), so PVE ignores it",
                            "sriovctl pve map --mapping " + m.id() + " (rewrites this node's entries from discovery)"));
                    continue;
                }
                List<String> problems = assertValid(m, e, devices);
                if (problems.isEmpty()) {
                    out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.PASS, subject, "matches the hardware (as PVE checks it at VM start)", null));
                } else {
                    out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.FAIL, subject,
                            String.join("; ", problems) + ": every VM using mapping '" + m.id() + "' fails to start on " + node
                                    + " ('PCI device mapping invalid (hardware probably changed)')",
                            "sriovctl pve map --mapping " + m.id() + " (rewrites this node's entries from discovery)"));
                }
            }
        }
        if (!any) {
            out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.SKIP, "node " + node,
                    mappings.isEmpty() ? "no PCI mappings exist (or none is visible)" : "no mapping has an entry for node " + node, null));
        }
        return out;
    }

    /**
     * {@code pve-mapping-matches} against a spec: every mapping the spec names exists and has an
     * entry of this node for each VF the spec puts in it (the entries themselves are judged by
     * {@link #mappingMatches}).
     *
     * @param wanted mapping id -> PCI addresses of the VFs of this node the spec puts in it
     * @param spec   how the spec is named in evidence ({@code spec.yaml})
     */
    public static List<Finding> expectedMappings(String node, List<PciMapping> mappings, Map<String, List<String>> wanted, String spec) {
        List<Finding> out = new ArrayList<>();
        wanted.forEach((id, vfs) -> {
            String subject = "mapping " + id;
            String fix = "sriovctl pve map --mapping " + id + (vfs.isEmpty() ? "" : " --vfs " + String.join(",", vfs));
            Optional<PciMapping> m = ClusterReader.mapping(mappings, id);
            if (m.isEmpty()) {
                out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.FAIL, subject, spec + " wants mapping '" + id + "' with "
                        + vfs.size() + " VFs of " + node + ", but Proxmox has no such mapping (or may not show it): VMs using it cannot start", fix));
                return;
            }
            Set<String> have = new LinkedHashSet<>();
            for (MapEntry e : m.get().entriesFor(node)) have.addAll(e.paths());
            List<String> missing = vfs.stream().filter(v -> !have.contains(v)).toList();
            if (missing.isEmpty()) {
                out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.PASS, subject,
                        "has an entry of " + node + " for each of the " + vfs.size() + " VFs " + spec + " puts in it", null));
            } else {
                out.add(new Finding(Finding.MAPPING_MATCHES, Finding.Status.FAIL, subject, "has no entry of " + node + " for "
                        + String.join(", ", missing) + ", which " + spec + " puts in it: VMs using '" + id + "' cannot get these VFs", fix));
            }
        });
        return out;
    }

    /** PCI.pm {@code assert_valid}, collecting every problem instead of dying at the first. Messages are PVE's. */
    static List<String> assertValid(PciMapping m, MapEntry e, Function<String, Optional<PciDeviceInfo>> devices) {
        List<String> problems = new ArrayList<>();
        int idx = 0;
        for (String path0 : e.paths()) {
            String path = path0.matches("(?i).*\\.[a-f0-9]$") ? path0 : path0 + ".0";
            Optional<PciDeviceInfo> info = devices.apply(path);
            if (info.isEmpty()) {
                problems.add("pci device '" + path + "' not found");
                idx++;
                continue;
            }
            Map<String, String> expected = new TreeMap<>();
            expected.put("id", info.get().id());
            expected.put("iommugroup", info.get().iommugroup());
            expected.put("subsystem-id", info.get().subsystemId());
            Map<String, String> configured = new TreeMap<>();
            configured.put("id", e.id());
            configured.put("iommugroup", e.iommugroup());
            configured.put("subsystem-id", e.subsystemId());
            for (String prop : expected.keySet()) {
                if (prop.equals("iommugroup") && idx > 0) continue; // PVE checks the group of the first path only
                String exp = expected.get(prop);
                String cfg = configured.get(prop);
                if (exp == null && cfg == null) continue;
                if (exp != null && cfg == null) {
                    problems.add("missing expected property '" + prop + "' for device '" + path + "'");
                    continue;
                }
                if (exp == null) {
                    problems.add("unexpected property '" + prop + "' configured for device '" + path + "'");
                    continue;
                }
                String a = exp.replace("0x", "");
                String b = cfg.replace("0x", "");
                if (!a.equals(b)) problems.add("'" + prop + "' does not match for '" + m.id() + "' (" + a + " != " + b + ")");
            }
            if (idx == 0 && m.mdev() != info.get().mdev()) {
                problems.add("mapping '" + m.id() + "' has mdev=" + (m.mdev() ? 1 : 0) + " but device '" + path + "' "
                        + (info.get().mdev() ? "supports" : "does not support") + " mediated devices (checked since PVE 8.4)");
            }
            idx++;
        }
        return problems;
    }

    /**
     * {@code vf-single-assignment}: on this node no VF is given to two VMs, and none that a VM can
     * get is in use by the host. A VF is "given" by a mapping entry of this node (any VM using the
     * mapping may get it at start) or by a raw {@code host=} address in a VM's hostpci; it is "used
     * by the host" when bound to a driver other than vfio-pci (PVE would unbind it at VM start).
     *
     * @param reservations PCI address -> VM holding it now ({@link PciReservations}); may be empty
     */
    public static List<Finding> singleAssignment(String node, Inventory inventory, List<PciMapping> mappings, List<VmUse> vms,
                                                 Map<String, Integer> reservations) {
        return singleAssignment(node, inventory, mappings, vms, reservations, netdev -> Optional.empty());
    }

    /**
     * As above; {@code hostUse} says how the host uses a VF's netdev, if it does (doctor: "a port of
     * OVS bridge vmbr1", "configured at /etc/network/interfaces:2"), to name it in the evidence.
     */
    public static List<Finding> singleAssignment(String node, Inventory inventory, List<PciMapping> mappings, List<VmUse> vms,
                                                 Map<String, Integer> reservations, Function<String, Optional<String>> hostUse) {
        List<Finding> out = new ArrayList<>();
        Map<String, Vf> vfs = new LinkedHashMap<>();
        for (Pf pf : inventory.pfs()) for (Vf vf : pf.vfs()) vfs.put(vf.pci(), vf);
        if (vfs.isEmpty()) {
            out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.SKIP, "node " + node, "no VFs on " + inventory.source(), null));
            return out;
        }
        Map<String, Set<String>> inMappings = new TreeMap<>();
        for (PciMapping m : mappings) {
            for (MapEntry e : m.entriesFor(node)) {
                for (String p : e.paths()) if (vfs.containsKey(p)) inMappings.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(m.id());
            }
        }
        Map<String, List<String>> rawUsers = new TreeMap<>();
        Map<String, List<String>> mappingUsers = new TreeMap<>();
        Map<String, Integer> demand = new TreeMap<>();
        for (VmUse u : vms) {
            if (!node.equals(u.vm().node()) || !u.consumes()) continue;
            for (HostPci h : u.config().hostpci()) {
                if (h.mapping() != null) {
                    mappingUsers.computeIfAbsent(h.mapping(), k -> new ArrayList<>()).add(u.label());
                    demand.merge(h.mapping(), 1, Integer::sum);
                }
                for (String pci : vfs.keySet()) if (h.covers(pci)) rawUsers.computeIfAbsent(pci, k -> new ArrayList<>()).add(u.label() + " hostpci" + h.index());
            }
        }
        Set<String> given = new LinkedHashSet<>(inMappings.keySet());
        given.addAll(rawUsers.keySet());
        for (String pci : given) {
            Vf vf = vfs.get(pci);
            String held = reservations.containsKey(pci) ? " (held now by VM " + reservations.get(pci) + ")" : "";
            String by = by(inMappings.get(pci), rawUsers.get(pci));
            if (vf.driver() != null && !vf.driver().equals("vfio-pci")) {
                out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.FAIL, pci,
                        "bound to " + vf.driver() + (vf.netdev() == null ? "" : " (netdev " + vf.netdev()
                                + hostUse.apply(vf.netdev()).map(u -> ", which the host uses: " + u).orElse("") + ")") + " on this host, yet " + by + held
                                + ": Proxmox would unbind it from the host when a VM starts",
                        "leave VFs meant for VMs unbound or on vfio-pci (sriovctl apply does), or take it out of the mapping (sriovctl pve map --vfs ...)"));
            }
            List<String> raw = rawUsers.getOrDefault(pci, List.of());
            if (raw.size() > 1) {
                out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.FAIL, pci,
                        "given by raw address to " + raw.size() + " VMs: " + String.join(", ", raw) + held + "; the second to start fails ('already in use by VMID')",
                        "give each VM its own VF; better, use a mapping (sriovctl pve attach VMID --mapping ID)"));
            }
            Set<String> ms = inMappings.getOrDefault(pci, Set.of());
            if (!raw.isEmpty() && ms.stream().anyMatch(mappingUsers::containsKey)) {
                out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.WARN, pci,
                        "given by raw address to " + String.join(", ", raw) + " and also in mapping " + String.join(", ", ms) + " used by "
                                + ms.stream().flatMap(x -> mappingUsers.getOrDefault(x, List.of()).stream()).distinct().collect(Collectors.joining(", "))
                                + ": whichever VM starts first takes it",
                        "remove the raw hostpci entry and attach through the mapping, or leave this VF out of the mapping"));
            }
            if (ms.size() > 1) {
                out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.WARN, pci,
                        "in " + ms.size() + " mappings (" + String.join(", ", ms) + "): VMs of both compete for it",
                        "keep each VF in one mapping (sriovctl pve map --vfs ...)"));
            }
        }
        for (PciMapping m : mappings) {
            int have = m.entriesFor(node).size();
            int want = demand.getOrDefault(m.id(), 0);
            if (want > have) {
                out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.WARN, "mapping " + m.id() + " on " + node,
                        want + " hostpci entries of VMs on " + node + " (" + String.join(", ", mappingUsers.get(m.id())) + ") use it, but it has "
                                + have + " VFs there: not all of them can run at once ('could not find a free device')",
                        "create more VFs and re-run 'sriovctl pve map --mapping " + m.id() + "', or remove hostpci entries"));
            }
        }
        if (out.isEmpty()) {
            out.add(new Finding(Finding.SINGLE_ASSIGNMENT, Finding.Status.PASS, "node " + node,
                    given.isEmpty() ? "no VF of this host is in a mapping or given to a VM"
                            : given.size() + " VFs are in mappings or given to VMs: none twice, none bound to a host driver", null));
        }
        return out;
    }

    private static String by(Set<String> mappings, List<String> raw) {
        List<String> parts = new ArrayList<>();
        if (mappings != null && !mappings.isEmpty()) parts.add("in mapping " + String.join(", ", mappings));
        if (raw != null && !raw.isEmpty()) parts.add("given to " + String.join(", ", raw));
        return String.join(" and ", parts);
    }
}
