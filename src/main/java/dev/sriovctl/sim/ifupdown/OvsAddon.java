package dev.sriovctl.sim.ifupdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ovs-vsctl command lists of ifupdown2 3.0.0's openvswitch and openvswitch_port addons, text for text
 * (addons/openvswitch.py _addbridge, addons/openvswitch_port.py _addport; notes/proxmox-api-and-vf-lag.md §5).
 * Each list is joined into one {@code /usr/bin/ovs-vsctl -- cmd1 -- cmd2 ...} shell command by the caller.
 */
final class OvsAddon {
    private OvsAddon() {
    }

    /**
     * The bridge's commands. {@code running} is {@code ovs-vsctl list-ports BR} when the bridge's netdev already
     * exists (an update), else null. On an update the clear of the bridge's columns comes AFTER
     * {@code set bridge BR <ovs_options>}, which is why bridge-level ovs_options touching other_config are lost
     * (ifupdown2 issue #344), while ovs_extra lines, which come after, survive.
     */
    static List<String> bridge(Stanza s, List<String> running, List<String> knownNames) {
        String br = s.name();
        List<String> cmds = new ArrayList<>();
        cmds.add("--may-exist add-br " + br);
        String options = s.first("ovs-options");
        if (options != null) cmds.add("set bridge " + br + " " + options);
        if (running != null) {
            List<String> wanted = ports(s, knownNames);
            String condone = s.first("ovs-ports-condone-regex");
            Pattern condoneRe = condone == null ? null : Pattern.compile(condone);
            if (wanted != null) {
                // python's set difference has no order; sort for reproducible transactions
                Set<String> missing = new TreeSet<>(running);
                missing.removeAll(wanted);
                for (String p : missing) {
                    if (condoneRe != null && condoneRe.matcher(p).lookingAt()) continue;
                    cmds.add("--if-exists del-port " + br + " " + p);
                }
            }
            cmds.add("--if-exists clear bridge " + br
                    + " auto_attach controller external-ids fail_mode flood_vlans ipfix mirrors netflow other_config protocols sflow");
            cmds.add("--if-exists clear interface " + br + " mtu_request external-ids other_config options");
        }
        cmds.addAll(s.all("ovs-extra"));
        String mtu = s.first("ovs-mtu");
        if (mtu != null) cmds.add("set Interface " + br + " mtu_request=" + mtu);
        return cmds;
    }

    /** The port's commands (OVSPort, OVSIntPort, OVSBond, OVSTunnel, OVSPatchPort). */
    static List<String> port(Stanza s) {
        String iface = s.name();
        String bridge = s.first("ovs-bridge");
        String type = s.ovsType();
        String bonds = s.first("ovs-bonds");
        List<String> cmds = new ArrayList<>();
        if ("OVSBond".equals(type)) {
            if (bonds == null) throw new IllegalStateException("missing ovs-bonds option");
            cmds.add("--may-exist --fake-iface add-bond " + bridge + " " + iface + " " + bonds);
        } else {
            cmds.add("--may-exist add-port " + bridge + " " + iface);
        }
        cmds.add("--if-exists clear port " + iface + " bond_active_slave bond_mode cvlans external_ids lacp mac other_config qos tag trunks vlan_mode");
        cmds.add("--if-exists clear interface " + iface + " mtu_request external-ids other_config options");
        String options = s.first("ovs-options");
        if (options != null && !options.isEmpty()) cmds.add("set Port " + iface + " " + options);
        if ("OVSIntPort".equals(type)) cmds.add("set Interface " + iface + " type=internal");
        if ("OVSTunnel".equals(type)) {
            String tt = s.first("ovs-tunnel-type");
            if (tt == null) throw new IllegalStateException("missing ovs-tunnel-type option");
            String to = s.first("ovs-tunnel-options");
            if (to == null) throw new IllegalStateException("missing ovs-tunnel-options option");
            cmds.add("set Interface " + iface + " type=" + tt + " " + to);
        }
        if ("OVSPatchPort".equals(type)) {
            String peer = s.first("ovs-patch-peer");
            if (peer == null) throw new IllegalStateException("missing ovs-patch-peer");
            cmds.add("set Interface " + iface + " type=patch options:peer=" + peer);
        }
        String mtu = s.first("ovs-mtu");
        if (mtu != null) {
            // "we can't set mtu on bond fake interface, we apply it on slaves interfaces" (sorted, as _get_bond_ifaces)
            if ("OVSBond".equals(type) && bonds != null) {
                List<String> slaves = new ArrayList<>(Arrays.asList(bonds.trim().split("\\s+")));
                slaves.sort(String::compareTo);
                for (String slave : slaves) cmds.add("set Interface " + slave + " mtu_request=" + mtu);
            } else {
                cmds.add("set Interface " + iface + " mtu_request=" + mtu);
            }
        }
        cmds.addAll(s.all("ovs-extra"));
        return cmds;
    }

    /**
     * ovs-ports as parse_port_list expands it: plain names, "glob EXPR" (swp1-4, swp[1-4].100) and "regex EXPR"
     * (matched against {@code knownNames}, the netdevs and configured interfaces). Null when not set.
     */
    static List<String> ports(Stanza s, List<String> knownNames) {
        List<String> words = new ArrayList<>();
        for (String v : s.all("ovs-ports")) words.addAll(Arrays.asList(v.trim().split("\\s+")));
        if (words.isEmpty()) return null;
        Set<String> out = new LinkedHashSet<>();
        boolean glob = false, regex = false;
        for (String w : words) {
            switch (w) {
                case "glob" -> glob = true;
                case "regex" -> regex = true;
                case "noglob" -> glob = false;
                case "noregex" -> regex = false;
                default -> {
                    if (regex) {
                        Pattern p = Pattern.compile(w + "$");
                        for (String n : knownNames) if (p.matcher(n).find()) out.add(n);
                        regex = false;
                    } else if (glob) {
                        out.addAll(expandGlob(w));
                        glob = false;
                    } else {
                        out.add(w);
                    }
                }
            }
        }
        return out.isEmpty() ? null : new ArrayList<>(out);
    }

    private static final Pattern BRACKET = Pattern.compile("(.*?)\\[(\\d+)-(\\d+)\\](.*)");
    private static final Pattern PLAIN = Pattern.compile("(.*?)(\\d+)-(\\d+)(\\..*)?");

    static List<String> expandGlob(String expr) {
        Matcher m = BRACKET.matcher(expr);
        if (!m.matches()) m = PLAIN.matcher(expr);
        if (!m.matches()) return List.of(expr);
        List<String> out = new ArrayList<>();
        int a = Integer.parseInt(m.group(2)), b = Integer.parseInt(m.group(3));
        String suffix = m.group(4) == null ? "" : m.group(4);
        for (int i = a; i <= b; i++) out.addAll(expandGlob(m.group(1) + i + suffix));
        return out;
    }
}
