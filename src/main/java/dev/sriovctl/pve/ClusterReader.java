package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what the mapping, attach, status and doctor logic needs from the PVE API, as records. */
public final class ClusterReader {
    private ClusterReader() {
    }

    static final String MAPPINGS = "/cluster/mapping/pci";

    /** Every PCI mapping the token may see ({@code GET /cluster/mapping/pci}). */
    public static List<PciMapping> mappings(PveApi api) {
        JsonNode d = api.get(MAPPINGS);
        List<PciMapping> out = new ArrayList<>();
        for (JsonNode n : array(d, "GET " + MAPPINGS)) out.add(PciMapping.fromJson(n, null));
        return out;
    }

    public static Optional<PciMapping> mapping(List<PciMapping> all, String id) {
        return all.stream().filter(m -> id.equals(m.id())).findFirst();
    }

    /** The QEMU VMs the token may audit ({@code GET /cluster/resources?type=vm}; containers left out). */
    public static List<VmRef> vms(PveApi api) {
        JsonNode d = api.get("/cluster/resources", Form.of().with("type", "vm"));
        List<VmRef> out = new ArrayList<>();
        for (JsonNode n : array(d, "GET /cluster/resources")) {
            String type = n.path("type").asText("");
            if (!type.equals("qemu") && !n.path("id").asText("").startsWith("qemu/")) continue;
            out.add(VmRef.fromJson(n));
        }
        return out;
    }

    static String configPath(String node, int vmid) {
        return "/nodes/" + node + "/qemu/" + vmid + "/config";
    }

    /** A VM's configuration with pending changes applied (the default of GET .../config). */
    public static VmConfig config(PveApi api, VmRef vm) {
        JsonNode d = api.get(configPath(vm.node(), vm.vmid()));
        if (!d.isObject()) {
            throw new PveApiException(PveApiException.Kind.MALFORMED, 200, "GET " + configPath(vm.node(), vm.vmid()),
                    "the configuration of VM " + vm.vmid() + " is not a JSON object", null, null);
        }
        return VmConfig.fromJson(vm.vmid(), vm.node(), d);
    }

    /** The configurations of every listed VM (one GET each; PVE proxies those of other nodes). */
    public static List<VmUse> uses(PveApi api, List<VmRef> vms) {
        List<VmUse> out = new ArrayList<>();
        for (VmRef v : vms) out.add(new VmUse(v, config(api, v)));
        return out;
    }

    /**
     * Like {@link #uses}, but a VM whose configuration cannot be read (its node is offline: PVE
     * proxies the call there) is left out and named in {@code problems}. Token and privilege
     * errors still fail: they would hide every VM.
     */
    public static List<VmUse> usesTolerant(PveApi api, List<VmRef> vms, List<String> problems) {
        List<VmUse> out = new ArrayList<>();
        for (VmRef v : vms) {
            try {
                out.add(new VmUse(v, config(api, v)));
            } catch (PveApiException e) {
                if (e.badInput()) throw e;
                problems.add("VM " + v.vmid() + " on " + v.node() + ": configuration not readable (" + e.getMessage() + "); its hostpci entries are not counted");
            }
        }
        return out;
    }

    /** The node names of the cluster ({@code GET /nodes}). */
    public static List<String> nodes(PveApi api) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(api.get("/nodes"), "GET /nodes")) {
            String name = n.path("node").asText(null);
            if (name != null) out.add(name);
        }
        return out;
    }

    /** The node answering the API ({@code GET /cluster/status}, the entry with {@code local: 1}). */
    public static Optional<String> localNode(PveApi api) {
        for (JsonNode n : array(api.get("/cluster/status"), "GET /cluster/status")) {
            if ("node".equals(n.path("type").asText()) && PciMapping.truthy(n.get("local"))) {
                return Optional.ofNullable(n.path("name").asText(null));
            }
        }
        return Optional.empty();
    }

    private static Iterable<JsonNode> array(JsonNode d, String call) {
        if (d == null || !d.isArray()) {
            throw new PveApiException(PveApiException.Kind.MALFORMED, 200, call, "the answer to " + call + " is not a list", null, null);
        }
        return d;
    }
}
