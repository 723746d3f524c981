package dev.sriovctl.cli;

import dev.sriovctl.pve.AttachResult;
import dev.sriovctl.pve.MapResult;
import dev.sriovctl.pve.StatusReport;

import java.util.stream.Collectors;

/** The pve commands' results as a person reads them. */
final class PveTables {
    private PveTables() {
    }

    static String shortName(String hostname) {
        if (hostname == null || hostname.isBlank()) return null;
        int dot = hostname.indexOf('.');
        return dot > 0 ? hostname.substring(0, dot) : hostname.strip();
    }

    static String map(MapResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("mapping ").append(r.mapping()).append(", node ").append(r.node()).append(": ").append(r.action())
                .append("  (").append(r.via()).append(")\n");
        if (r.dryRun() || r.changed()) {
            if (r.dryRun()) {
                sb.append("before (").append(count(r.before().size(), "entry", "entries")).append("):\n");
                for (String s : r.before()) sb.append("    ").append(s).append('\n');
                sb.append("after (").append(count(r.after().size(), "entry", "entries")).append("):\n");
                for (String s : r.after()) sb.append("    ").append(s).append('\n');
                sb.append("changes:\n");
            }
            for (String s : r.removed()) sb.append("  - ").append(s).append('\n');
            for (String s : r.added()) sb.append("  + ").append(s).append('\n');
            if (r.othersKept() > 0) sb.append("  ").append(count(r.othersKept(), "entry", "entries")).append(" of other nodes kept as they are\n");
        } else {
            sb.append("  ").append(count(r.after().size(), "entry", "entries")).append("; this node's already match the hardware\n");
        }
        return sb.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String attach(AttachResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("VM ").append(r.vmid()).append(" on ").append(r.node()).append(", mapping ").append(r.mapping()).append(": ")
                .append(r.action()).append("  (").append(r.via()).append(")\n");
        r.set().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append("  mapping ").append(r.mapping()).append(" on ").append(r.node()).append(": ").append(count(r.vfsOnNode(), "VF", "VFs")).append(", ")
                .append(r.usedBefore()).append(" used before, ").append(Math.max(0, r.freeAfter())).append(" free after")
                .append('\n');
        for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
        return sb.toString();
    }

    static String status(StatusReport report) {
        StringBuilder sb = new StringBuilder();
        if (report.mappings().isEmpty()) sb.append("no PCI mappings visible through ").append(report.via()).append('\n');
        for (StatusReport.Mapping m : report.mappings()) {
            sb.append("mapping ").append(m.id());
            if (m.description() != null) sb.append("  (").append(m.description()).append(')');
            sb.append('\n');
            if (m.nodes().isEmpty()) sb.append("  no entries\n");
            for (StatusReport.Node n : m.nodes()) {
                sb.append("  node ").append(n.node()).append(": ").append(count(n.vfs(), "VF", "VFs")).append(", ").append(n.used()).append(" used, ")
                        .append(Math.max(0, n.free())).append(" free");
                if (!n.vms().isEmpty()) {
                    sb.append("; VMs: ").append(n.vms().stream().map(v -> v.vmid() + (v.name() == null ? "" : " " + v.name())
                            + " (" + (v.status() == null ? "?" : v.status()) + (v.slots() > 1 ? ", x" + v.slots() : "") + ")").collect(Collectors.joining(", ")));
                }
                sb.append('\n');
                if (n.entries().isEmpty()) continue;
                boolean local = n.node().equals(report.localNode());
                TextTable t = local ? new TextTable("    VF", "ID", "SUBSYSTEM", "IOMMU", "DRIVER", "HELD BY")
                        : new TextTable("    VF", "ID", "SUBSYSTEM", "IOMMU");
                for (StatusReport.VfEntry e : n.entries()) {
                    if (local) t.row("    " + e.path(), e.id(), e.subsystemId(), e.iommugroup(), e.driver(), e.heldBy() == null ? null : "VM " + e.heldBy());
                    else t.row("    " + e.path(), e.id(), e.subsystemId(), e.iommugroup());
                }
                sb.append(t.render());
            }
            for (String p : m.problems()) sb.append("  problem: ").append(p).append('\n');
        }
        return sb.toString();
    }
}
