package dev.sriovctl.spec;

import java.util.List;

/** Proxmox VE resource mappings (applied by {@code sriovctl pve map}). */
public record ProxmoxSpec(List<MappingSpec> mappings) {

    public ProxmoxSpec {
        mappings = List.copyOf(mappings);
    }
}
