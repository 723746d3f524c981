package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A VM as {@code GET /cluster/resources?type=vm} lists it (pve-manager PVE/API2/Cluster.pm,
 * {@code extract_vm_stats}): {@code id "qemu/100"}, {@code type qemu|lxc}, vmid, node, name,
 * status, template. Only VMs the token may audit are listed.
 */
public record VmRef(int vmid, String node, String name, String status, boolean template) {

    static VmRef fromJson(JsonNode n) {
        return new VmRef(n.path("vmid").asInt(), n.path("node").asText(null), n.hasNonNull("name") ? n.get("name").asText() : null,
                n.hasNonNull("status") ? n.get("status").asText() : null, PciMapping.truthy(n.get("template")));
    }

    public boolean running() {
        return "running".equals(status);
    }
}
