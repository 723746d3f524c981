package dev.sriovctl.spec;

import java.util.List;

/**
 * The desired state of one host, as the administrator writes it (docs/spec.md is the reference).
 * Values are as written, with documented defaults filled in; identifiers that belong to hardware
 * (PCI addresses of VFs, switch ids, representor names) are never typed here, they are derived
 * from discovery when the spec is resolved against an inventory ({@link TargetResolver}).
 *
 * @param source where the spec came from, with its text (copied to the host for the boot units)
 */
public record Spec(int version, List<NicSpec> nics, OvsSpec ovs, List<BridgeSpec> bridges, ProxmoxSpec proxmox,
                   SpecSource source) {

    public static final int CURRENT_VERSION = 1;

    public Spec {
        nics = List.copyOf(nics);
        bridges = List.copyOf(bridges);
        ovs = ovs == null ? OvsSpec.unset() : ovs;
        proxmox = proxmox == null ? new ProxmoxSpec(List.of()) : proxmox;
    }
}
