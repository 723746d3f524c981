package dev.sriovctl.render;

import dev.sriovctl.spec.OvsBondSpec;
import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetBond;
import dev.sriovctl.spec.TargetBridge;
import dev.sriovctl.spec.TargetPf;
import dev.sriovctl.spec.TargetPort;
import dev.sriovctl.spec.VfLagBondSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /etc/network/interfaces.d/sriovctl}: the bridges, bonds and ports in ifupdown2's
 * {@code ovs_*} keywords, laid out the way Proxmox VE's own writer does (TAB indent; an OVSBond
 * lists ovs_bonds first, then ovs_type, ovs_bridge, ovs_mtu, ovs_options; pve-common
 * test/etc_network_interfaces).
 *
 * <p>What ifupdown2 does on {@code ifreload -a} shapes the file (notes proxmox-api-and-vf-lag.md
 * section 5): every port is listed in its bridge's {@code ovs_ports}, because ports that are not
 * are deleted; {@code lacp-fallback-ab} goes in the bond's {@code ovs_options} (a Port key, and port
 * other_config set by hand is cleared on every ifup); bridge other_config goes through
 * {@code ovs_extra}, which runs after ifupdown2 clears the bridge's other_config. A VF-LAG bond is a
 * Linux bond stanza ({@code bond-slaves}, ...) that is also an {@code OVSPort} of the bridge.
 */
public final class InterfacesRenderer {
    private InterfacesRenderer() {
    }

    public static final String PATH = "/etc/network/interfaces.d/sriovctl";

    /** The file, or null when the spec has nothing for ifupdown2 (no bridges, no PF MTUs). */
    public static RenderedFile render(Target target) {
        List<String> stanzas = new ArrayList<>();
        Set<String> pfsDone = new LinkedHashSet<>();
        for (TargetBridge b : target.bridges()) {
            List<String> uplinkPfs = new ArrayList<>();
            if (b.bond() != null) uplinkPfs.addAll(b.bond().memberNetdevs());
            for (TargetPort p : b.ports()) if (p.kind() == TargetPort.Kind.PF) uplinkPfs.add(p.netdev());
            for (String pf : uplinkPfs) {
                if (pfsDone.add(pf)) stanzas.add(pfStanza(pf, mtuOf(target, pf)));
            }
        }
        for (TargetPf pf : target.pfs()) {
            if (pf.mtu() != null && pf.netdev() != null && pfsDone.add(pf.netdev())) stanzas.add(pfStanza(pf.netdev(), pf.mtu()));
        }
        for (TargetBridge b : target.bridges()) {
            if (b.bond() != null) stanzas.add(bond(b, b.bond()));
            stanzas.add(bridge(b));
            for (TargetPort p : b.ports()) stanzas.add(port(b, p));
        }
        if (stanzas.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        sb.append(RenderedFile.HEADER).append(": do not edit. 'sriovctl apply' writes this file from /etc/sriovctl/spec.yaml;\n");
        sb.append("# 'sriovctl plan' shows every change first. Every port is listed in its bridge's ovs_ports, because\n");
        sb.append("# 'ifreload -a' deletes bridge ports that are not.\n");
        for (String s : stanzas) sb.append('\n').append(s);
        return new RenderedFile(PATH, sb.toString(), 0644);
    }

    private static Integer mtuOf(Target target, String pfNetdev) {
        return target.pfs().stream().filter(p -> pfNetdev.equals(p.netdev())).map(TargetPf::mtu).filter(m -> m != null)
                .findFirst().orElse(null);
    }

    private static String pfStanza(String netdev, Integer mtu) {
        StringBuilder sb = new StringBuilder();
        sb.append("auto ").append(netdev).append('\n');
        sb.append("iface ").append(netdev).append(" inet manual\n");
        if (mtu != null) opt(sb, "mtu", mtu);
        return sb.toString();
    }

    private static String bond(TargetBridge b, TargetBond bond) {
        StringBuilder sb = new StringBuilder();
        sb.append("auto ").append(bond.name()).append('\n');
        sb.append("iface ").append(bond.name()).append(" inet manual\n");
        if (bond.spec() instanceof OvsBondSpec o) {
            opt(sb, "ovs_bonds", String.join(" ", bond.memberNetdevs()));
            opt(sb, "ovs_type", "OVSBond");
            opt(sb, "ovs_bridge", b.name());
            if (b.mtu() != null) opt(sb, "ovs_mtu", b.mtu());
            opt(sb, "ovs_options", ovsBondOptions(o, bond.lacpFallbackAb()));
        } else if (bond.spec() instanceof VfLagBondSpec lag) {
            opt(sb, "bond-slaves", String.join(" ", bond.memberNetdevs()));
            opt(sb, "bond-mode", lag.mode());
            opt(sb, "bond-miimon", lag.miimon());
            if (!lag.mode().equals("active-backup")) opt(sb, "bond-xmit-hash-policy", lag.xmitHashPolicy());
            if (lag.mode().equals("802.3ad")) opt(sb, "bond-lacp-rate", lag.lacpTime());
            if (b.mtu() != null) opt(sb, "mtu", b.mtu());
            opt(sb, "ovs_type", "OVSPort");
            opt(sb, "ovs_bridge", b.name());
            if (b.mtu() != null) opt(sb, "ovs_mtu", b.mtu());
        }
        return sb.toString();
    }

    /** The bond's Port settings; every key here is re-applied by ifupdown2 on each ifup. */
    static String ovsBondOptions(OvsBondSpec o, Boolean fallback) {
        List<String> opts = new ArrayList<>();
        opts.add("bond_mode=" + o.mode());
        opts.add("lacp=" + o.lacp());
        if (fallback != null) opts.add("other_config:lacp-fallback-ab=" + fallback);
        if (o.lacpTime() != null) opts.add("other_config:lacp-time=" + o.lacpTime());
        if (o.miimon() != null) {
            opts.add("other_config:bond-detect-mode=miimon");
            opts.add("other_config:bond-miimon-interval=" + o.miimon());
        }
        return String.join(" ", opts);
    }

    private static String bridge(TargetBridge b) {
        StringBuilder sb = new StringBuilder();
        sb.append("auto ").append(b.name()).append('\n');
        sb.append("iface ").append(b.name()).append(b.address() == null ? " inet manual\n" : " inet static\n");
        if (b.address() != null) opt(sb, "address", b.address());
        if (b.gateway() != null) opt(sb, "gateway", b.gateway());
        opt(sb, "ovs_type", "OVSBridge");
        List<String> ports = new ArrayList<>();
        if (b.bond() != null) ports.add(b.bond().name());
        for (TargetPort p : b.ports()) ports.add(p.netdev());
        if (!ports.isEmpty()) opt(sb, "ovs_ports", String.join(" ", ports));
        if (b.mtu() != null) opt(sb, "ovs_mtu", b.mtu());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(b.otherConfig()).entrySet()) {
            opt(sb, "ovs_extra", "set bridge " + b.name() + " other_config:" + e.getKey() + "=" + e.getValue());
        }
        return sb.toString();
    }

    private static String port(TargetBridge b, TargetPort p) {
        StringBuilder sb = new StringBuilder();
        sb.append("auto ").append(p.netdev()).append('\n');
        sb.append("iface ").append(p.netdev()).append(" inet manual\n");
        opt(sb, "ovs_type", "OVSPort");
        opt(sb, "ovs_bridge", b.name());
        if (b.mtu() != null) opt(sb, "ovs_mtu", b.mtu());
        if (p.tag() != null) opt(sb, "ovs_options", "tag=" + p.tag());
        return sb.toString();
    }

    private static void opt(StringBuilder sb, String key, Object value) {
        sb.append('\t').append(key).append(' ').append(value).append('\n');
    }
}
