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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inventory as a Graphviz graph ({@code discover -o dot}): each NIC with its PFs, each PF's
 * VFs, each VF's representor, the OVS bridge the representor is a port of, the bridge's bonds and
 * their uplink members (the PF netdevs, which are the uplink representors in switchdev), and the
 * VM a VF is passed to when known. Output is deterministic (inventory order), so a picture
 * generated from a snapshot can be checked in and compared.
 *
 * <p>Something missing shows: a representor that is in no bridge is drawn dashed, a bond member
 * that is not enabled is drawn red.
 */
final class TopologyDot {
    private TopologyDot() {
    }

    /**
     * @param vmOwners VM owner labels by VF PCI address (e.g. {@code "0000:81:00.2" -> "VM 101 web1"});
     *                 empty when unknown. The Proxmox lookup fills it (pve package).
     */
    static String render(Inventory inv, Map<String, String> vmOwners) {
        Graph g = new Graph();
        g.line("digraph sriovctl {");
        g.line("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.25, ranksep=0.5, label=" + quote(title(inv)) + "];");
        g.line("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];");
        g.line("  edge [color=\"#555555\", arrowsize=0.6];");
        Set<String> bridgesUsed = new LinkedHashSet<>();
        for (Nic nic : inv.nics()) {
            String nicId = "nic:" + nic.id();
            g.node(nicId, lines(nz(nic.model(), "NIC"), nic.id(), "[" + nz(nic.vendorId(), "?") + ":" + nz(nic.deviceId(), "?") + "]",
                    nic.lag() == null || nic.lag().state() == null ? null : "LAG " + nic.lag().state()), "#dde7f3");
            for (Pf pf : nic.pfs()) {
                String pfId = "pf:" + pf.pci();
                g.node(pfId, lines("PF " + nz(pf.portName(), ""), nz(pf.netdev(), "(no netdev)"), pf.pci(),
                        pf.eswitchMode() + " · " + nz(pf.numVfs(), "?") + "/" + nz(pf.totalVfs(), "?") + " VFs"
                                + (pf.mtu() == null ? "" : " · mtu " + pf.mtu())), "#e8f1fb");
                g.edge(nicId, pfId, null);
                for (Vf vf : pf.vfs()) {
                    String vfId = "vf:" + vf.pci();
                    g.node(vfId, lines("VF " + vf.index(), vf.pci(), nz(vf.driver(), "no driver")
                            + (vf.iommuGroup() == null ? "" : " · group " + vf.iommuGroup())), "#fdf6e3");
                    g.edge(pfId, vfId, null);
                    String owner = vmOwners.get(vf.pci());
                    if (owner != null) {
                        String vmId = "vm:" + owner;
                        g.node(vmId, owner, "#e6f4ea");
                        g.edge(vfId, vmId, "passed to");
                    }
                    if (vf.representor() != null) {
                        String repId = "if:" + vf.representor();
                        Optional<OvsBridge> br = inv.ovs().bridgeOf(vf.representor());
                        g.node(repId, lines(vf.representor(), "representor"), "#f3e8fb",
                                br.isPresent() ? null : "dashed,rounded,filled");
                        g.edge(vfId, repId, null);
                        br.ifPresent(b -> {
                            bridgesUsed.add(b.name());
                            g.edge(repId, "br:" + b.name(), null);
                        });
                    }
                }
            }
        }
        // Bridges, their bonds and the bonds' uplink members.
        for (OvsBridge br : inv.ovs().bridges()) {
            List<Bond> bonds = bondsOf(inv, br);
            // Only bridges of the SR-IOV picture: a representor in it, or a PF as its uplink.
            boolean hasUplink = br.ports().stream().anyMatch(p -> inv.pf(p.name()).isPresent())
                    || bonds.stream().anyMatch(b -> b.members().stream().anyMatch(m -> inv.pf(m.name()).isPresent()));
            if (!bridgesUsed.contains(br.name()) && !hasUplink) continue;
            String brId = "br:" + br.name();
            g.node(brId, lines(br.name(), "OVS bridge" + (br.datapathType() == null || br.datapathType().isEmpty()
                    ? "" : " (" + br.datapathType() + ")")), "#fff1e0");
            for (Bond bond : bonds) {
                String bondId = "bond:" + bond.name();
                g.node(bondId, lines(bond.name(), bond.kind() + " bond" + (bond.mode() == null ? "" : " · " + bond.mode()),
                        bond.lacp() == null ? null : "LACP " + bond.lacp()), "#ffe4cc");
                g.edge(brId, bondId, null);
                for (BondMember m : bond.members()) uplink(g, inv, bondId, m.name(), m.enabled());
            }
            for (OvsPort p : br.ports()) {
                if (!p.isBond() && inv.pf(p.name()).isPresent()) uplink(g, inv, brId, p.name(), null);
            }
        }
        g.line("}");
        return g.text();
    }

    private static void uplink(Graph g, Inventory inv, String from, String netdev, Boolean enabled) {
        String id = "uplink:" + netdev;
        String state = enabled == null ? null : enabled ? "enabled" : "disabled";
        g.node(id, lines(netdev, "uplink" + (state == null ? "" : " · " + state)),
                Boolean.FALSE.equals(enabled) ? "#f8d7da" : "#e2f0d9");
        g.edge(from, id, null);
        // The same port as the PF: tie them without pulling the layout back.
        inv.pf(netdev).ifPresent(pf -> g.line("  " + quote(id) + " -> " + quote("pf:" + pf.pci())
                + " [style=dotted, arrowhead=none, constraint=false];"));
    }

    private static List<Bond> bondsOf(Inventory inv, OvsBridge br) {
        List<Bond> out = new ArrayList<>();
        for (Bond b : inv.bonds()) {
            String bridge = inv.ovs().bridgeOf(b.name()).map(OvsBridge::name).orElse(b.bridge());
            if (br.name().equals(bridge)) out.add(b);
        }
        return out;
    }

    private static String title(Inventory inv) {
        return "sriovctl discover: " + nz(inv.hostname(), "unknown host");
    }

    private static String lines(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isEmpty()) continue;
            if (sb.length() > 0) sb.append('\n');
            sb.append(p);
        }
        return sb.toString();
    }

    private static String nz(Object v, String unknown) {
        return v == null ? unknown : v.toString();
    }

    /** A DOT string literal: quotes and backslashes escaped, newlines as centred line breaks. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Nodes once each, in first-seen order; edges in order. */
    private static final class Graph {
        private final StringBuilder sb = new StringBuilder();
        private final Set<String> nodes = new LinkedHashSet<>();

        void line(String s) {
            sb.append(s).append('\n');
        }

        void node(String id, String label, String fill) {
            node(id, label, fill, null);
        }

        void node(String id, String label, String fill, String style) {
            if (!nodes.add(id)) return;
            line("  " + quote(id) + " [label=" + quote(label) + ", fillcolor=" + quote(fill)
                    + (style == null ? "" : ", style=" + quote(style)) + "];");
        }

        void edge(String from, String to, String label) {
            line("  " + quote(from) + " -> " + quote(to) + (label == null ? "" : " [label=" + quote(label) + ", fontsize=9]") + ";");
        }

        String text() {
            return sb.toString();
        }
    }
}
