package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM's configuration as {@code GET /nodes/{node}/qemu/{vmid}/config} returns it: pending
 * changes applied (qemu-server: "Get the virtual machine configuration with pending configuration
 * changes applied"), so a hostpci added to a running VM counts as taken, plus the digest of the
 * config file for optimistic locking.
 */
public record VmConfig(int vmid, String node, Map<String, String> options, String digest) {

    public VmConfig {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    static VmConfig fromJson(int vmid, String node, JsonNode n) {
        Map<String, String> opts = new LinkedHashMap<>();
        String digest = null;
        if (n != null && n.isObject()) {
            var it = n.fields();
            while (it.hasNext()) {
                var f = it.next();
                if (f.getKey().equals("digest")) digest = f.getValue().asText();
                else if (!f.getValue().isNull()) opts.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        return new VmConfig(vmid, node, opts, digest);
    }

    /** The hostpciN options in slot order; an unreadable one is kept with only its raw text. */
    public List<HostPci> hostpci() {
        List<HostPci> out = new ArrayList<>();
        options.forEach((k, v) -> {
            int slot = HostPci.slotOf(k);
            if (slot < 0) return;
            try {
                out.add(HostPci.parse(slot, v));
            } catch (IllegalArgumentException e) {
                out.add(new HostPci(slot, null, null, false, Map.of(), v));
            }
        });
        out.sort(Comparator.comparingInt(HostPci::index));
        return out;
    }

    /** The hostpci slots (0..15) not in use. */
    public List<Integer> freeSlots() {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < HostPci.SLOTS; i++) if (!options.containsKey("hostpci" + i)) free.add(i);
        return free;
    }

    /**
     * Whether the machine type is q35, as qemu-server Machine.pm {@code machine_type_is_q35} decides:
     * the machine's type ({@code machine: q35}, {@code pc-q35-8.1}, {@code type=q35,viommu=intel})
     * matches /q35/. No machine option means the default i440fx.
     */
    public boolean isQ35() {
        String m = options.get("machine");
        if (m == null || m.isBlank()) return false;
        try {
            String type = PropertyString.parse(m, "type").get("type");
            return type != null && type.contains("q35");
        } catch (IllegalArgumentException e) {
            return m.contains("q35");
        }
    }

    public String name() {
        return options.get("name");
    }

    /** A template never starts, so it takes no device ({@code template: 1}). */
    public boolean template() {
        return "1".equals(options.get("template"));
    }
}
