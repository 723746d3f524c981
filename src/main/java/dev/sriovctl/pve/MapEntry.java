package dev.sriovctl.pve;

import dev.sriovctl.observe.PciAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One element of a PCI mapping's {@code map} list (pve-guest-common src/PVE/Mapping/PCI.pm
 * {@code $map_fmt}): {@code node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45}.
 * Values are kept exactly as written, because PVE compares them as strings
 * ({@code assert_valid}); {@code iommugroup} is therefore a string here too.
 *
 * @param raw the string as stored, or null for an entry built by sriovctl
 */
public record MapEntry(String node, String path, String id, String subsystemId, String iommugroup,
                       String description, Map<String, String> other, String raw) {

    /** PCI.pm {@code $PCI_RE}: lower-case hex, domain required, function optional; ';' joins alternatives. */
    static final Pattern PATH = Pattern.compile("(?:[a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}(?:\\.[a-f0-9])?;)*[a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}(?:\\.[a-f0-9])?");
    /** PCI.pm: {@code id} and {@code subsystem-id} are {@code ^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$}. */
    static final Pattern VENDOR_DEVICE = Pattern.compile("[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}");

    public MapEntry {
        other = other == null ? Map.of() : Map.copyOf(other);
    }

    /** An entry for a device found by discovery, in the key order the brief and the GUI use. */
    public static MapEntry of(String node, PciAddress pci, String vendorDevice, String subsystemId, Integer iommugroup) {
        return new MapEntry(node, pci.toString(), vendorDevice, subsystemId,
                iommugroup == null ? null : String.valueOf(iommugroup), null, Map.of(), null);
    }

    /** Parses a stored entry; throws IllegalArgumentException with PVE-like wording when it is not valid. */
    public static MapEntry parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>(PropertyString.parse(text, null));
        String node = kv.remove("node");
        String path = kv.remove("path");
        String id = kv.remove("id");
        String sub = kv.remove("subsystem-id");
        String group = kv.remove("iommugroup");
        String desc = kv.remove("description");
        if (node == null) throw new IllegalArgumentException("property 'node' is missing in '" + text + "'");
        if (path == null) throw new IllegalArgumentException("property 'path' is missing in '" + text + "'");
        if (id == null) throw new IllegalArgumentException("property 'id' is missing in '" + text + "'");
        return new MapEntry(node, path, id, sub, group, desc, kv, text);
    }

    /** The alternatives of {@code path} (';'-separated); a path without function means the whole device. */
    public List<String> paths() {
        return List.of(path.split(";"));
    }

    /** What PVE's schema would refuse in this entry (empty when valid), e.g. an upper-case path. */
    public List<String> schemaProblems() {
        List<String> p = new java.util.ArrayList<>();
        if (!PATH.matcher(path).matches()) p.add("path '" + path + "' must be lower-case hex with the domain, e.g. 0000:81:00.2");
        if (!VENDOR_DEVICE.matcher(id).matches()) p.add("id '" + id + "' must be VENDOR:DEVICE in hex, e.g. 15b3:101e");
        if (subsystemId != null && !VENDOR_DEVICE.matcher(subsystemId).matches()) p.add("subsystem-id '" + subsystemId + "' must be VENDOR:DEVICE in hex");
        if (iommugroup != null && !iommugroup.matches("-?\\d+")) p.add("iommugroup '" + iommugroup + "' must be an integer");
        return p;
    }

    /** The property string, in the order node, path, id, subsystem-id, iommugroup, description, others. */
    public String format() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node", node);
        m.put("path", path);
        m.put("id", id);
        m.put("subsystem-id", subsystemId);
        m.put("iommugroup", iommugroup);
        m.put("description", description);
        m.putAll(new java.util.TreeMap<>(other));
        return PropertyString.format(m);
    }

    /** The same entry whatever the key order it was written in. */
    public boolean sameAs(MapEntry o) {
        return format().equals(o.format());
    }

    /** The string to store: as it was stored, or freshly formatted. */
    public String text() {
        return raw != null ? raw : format();
    }
}
