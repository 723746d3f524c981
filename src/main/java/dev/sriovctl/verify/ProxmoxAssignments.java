package dev.sriovctl.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which PCI devices the VMs of this node may hold, read from their {@code hostpciN} values
 * (qemu-server src/PVE/QemuServer/PCI.pm: {@code host} is the default key, {@code mapping=<id>} the
 * alternative; several host addresses are alternatives joined by ';'; an address without domain means 0000).
 */
final class ProxmoxAssignments {
    private ProxmoxAssignments() {
    }

    /** One guest's claim on devices: the alternatives it may take, and whether through a mapping. */
    record Claim(ProxmoxFacts.Guest guest, String slot, String mapping, List<String> devices) {
        String describe() {
            return "VM " + guest.vmid() + (guest.name() == null ? "" : " (" + guest.name() + ")") + " " + slot
                    + (mapping == null ? "" : " mapping=" + mapping) + (guest.running() ? ", running" : ", stopped");
        }
    }

    static List<Claim> claims(ProxmoxFacts facts) {
        Map<String, List<String>> byMapping = new LinkedHashMap<>();
        for (ProxmoxFacts.Mapping m : facts.mappings()) {
            List<String> devs = new ArrayList<>();
            for (ProxmoxFacts.MapEntry e : m.entries()) {
                if (facts.node() != null && !facts.node().equals(e.node())) continue;
                for (String p : e.path().split(";")) devs.add(normalise(p));
            }
            byMapping.put(m.id(), devs);
        }
        List<Claim> out = new ArrayList<>();
        for (ProxmoxFacts.Guest g : facts.guests()) {
            for (int i = 0; i < g.hostpci().size(); i++) {
                String value = g.hostpci().get(i);
                String slot = "hostpci" + i;
                String mapping = null, host = null;
                for (String kv : value.split(",")) {
                    if (kv.startsWith("mapping=")) mapping = kv.substring(8);
                    else if (kv.startsWith("host=")) host = kv.substring(5);
                    else if (!kv.contains("=") && host == null) host = kv;
                }
                List<String> devs = new ArrayList<>();
                if (mapping != null) devs.addAll(byMapping.getOrDefault(mapping, List.of()));
                if (host != null) for (String p : host.split(";")) devs.add(normalise(p));
                out.add(new Claim(g, slot, mapping, devs));
            }
        }
        return out;
    }

    /** {@code 81:00.2} -> {@code 0000:81:00.2}; a path without function means function 0, as PVE reads it. */
    static String normalise(String path) {
        String p = path.strip().toLowerCase(java.util.Locale.ROOT);
        if (p.matches("[0-9a-f]{2}:[0-9a-f]{2}(\\.[0-7])?")) p = "0000:" + p;
        if (!p.matches(".*\\.[0-7]$")) p = p + ".0";
        return p;
    }
}
