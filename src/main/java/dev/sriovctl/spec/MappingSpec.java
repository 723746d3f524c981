package dev.sriovctl.spec;

import java.util.List;

/** One PCI resource mapping: an id and the VFs (by pattern, {@code sw1/pf0vf*}) it offers. */
public record MappingSpec(String id, String description, List<String> vfs) {

    public MappingSpec {
        vfs = List.copyOf(vfs);
    }
}
