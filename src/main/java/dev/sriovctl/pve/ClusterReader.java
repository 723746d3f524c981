package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what the mapping and attach logic needs from the PVE API, as records. */
final class ClusterReader {
    private ClusterReader() {
    }

    static final String MAPPINGS = "/cluster/mapping/pci";

    /** Every PCI mapping the token may see ({@code GET /cluster/mapping/pci}). */
    static List<PciMapping> mappings(PveApi api) {
        JsonNode d = api.get(MAPPINGS);
        List<PciMapping> out = new ArrayList<>();
        for (JsonNode n : array(d, "GET " + MAPPINGS)) out.add(PciMapping.fromJson(n, null));
        return out;
    }

    static Optional<PciMapping> mapping(List<PciMapping> all, String id) {
        return all.stream().filter(m -> id.equals(m.id())).findFirst();
    }

    /** The QEMU VMs the token may audit ({@code GET /cluster/resources?type=vm}; containers left out). */
    static List<VmRef> vms(PveApi api) {
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
    static VmConfig config(PveApi api, VmRef vm) {
        JsonNode d = api.get(configPath(vm.node(), vm.vmid()));
        if (!d.isObject()) {
            throw new PveApiException(PveApiException.Kind.MALFORMED, 200, "GET " + configPath(vm.node(), vm.vmid()),
                    "the configuration of VM " + vm.vmid() + " is not a JSON object", null, null);
        }
        return VmConfig.fromJson(vm.vmid(), vm.node(), d);
    }

    /** The configurations of every listed VM (one GET each; PVE proxies those of other nodes). */
    static List<VmUse> uses(PveApi api, List<VmRef> vms) {
        List<VmUse> out = new ArrayList<>();
        for (VmRef v : vms) out.add(new VmUse(v, config(api, v)));
        return out;
    }

    /** The node names of the cluster ({@code GET /nodes}). */
    static List<String> nodes(PveApi api) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(api.get("/nodes"), "GET /nodes")) {
            String name = n.path("node").asText(null);
            if (name != null) out.add(name);
        }
        return out;
    }

    /** The node answering the API ({@code GET /cluster/status}, the entry with {@code local: 1}). */
    static Optional<String> localNode(PveApi api) {
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
