package dev.sriovctl.spec;

import java.util.List;

/** A Proxmox mapping with its VFs resolved (for {@code sriovctl pve map}). */
public record TargetMapping(String id, String description, List<TargetVf> vfs) {

    public TargetMapping {
        vfs = List.copyOf(vfs);
    }
}
