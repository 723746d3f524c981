package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster PCI resource mapping as {@code GET /cluster/mapping/pci[/{id}]} returns it
 * (pve-manager PVE/API2/Cluster/Mapping/PCI.pm): its id, description, {@code mdev} flag, the
 * {@code map} strings exactly as stored, and the digest of the whole {@code mapping/pci.cfg}
 * (every mapping shares it, so any change to any mapping changes it).
 */
public record PciMapping(String id, String description, boolean mdev, List<String> map, String digest) {

    public PciMapping {
        map = List.copyOf(map);
    }

    static PciMapping fromJson(JsonNode n, String id) {
        List<String> map = new ArrayList<>();
        JsonNode m = n.get("map");
        if (m != null && m.isArray()) m.forEach(x -> map.add(x.asText()));
        else if (m != null && m.isTextual()) map.add(m.asText());
        String ident = n.hasNonNull("id") ? n.get("id").asText() : id;
        return new PciMapping(ident, text(n, "description"), truthy(n.get("mdev")), map, text(n, "digest"));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** PVE booleans arrive as 0/1 numbers or strings. */
    static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) return false;
        if (v.isBoolean()) return v.asBoolean();
        String s = v.asText();
        return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("on");
    }

    /** Each map string with its parse: an entry, or why PVE could not read it. */
    public List<Parsed> parsed() {
        List<Parsed> out = new ArrayList<>();
        for (String s : map) {
            try {
                out.add(new Parsed(s, MapEntry.parse(s), null));
            } catch (IllegalArgumentException e) {
                out.add(new Parsed(s, null, e.getMessage()));
            }
        }
        return out;
    }

    /** The readable entries of one node. */
    public List<MapEntry> entriesFor(String node) {
        return parsed().stream().filter(p -> p.entry() != null && p.entry().node().equals(node)).map(Parsed::entry).toList();
    }

    /** A map string and its entry (null when unreadable, with the reason). */
    public record Parsed(String text, MapEntry entry, String error) {
    }
}
