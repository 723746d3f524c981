package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.util.regex.Pattern;

/**
 * What {@code sriovctl pve map} is asked to do.
 *
 * @param mapping     the mapping id (pve-configid: a letter, then letters, digits, '-' or '_')
 * @param description set on create (default: a sriovctl marker) and on update when given; null keeps it
 * @param node        the PVE node name, or null to derive it from the host
 */
public record MapRequest(String mapping, String description, VfSelector selector, String node, boolean dryRun) {

    /** pve-common JSONSchema.pm {@code pve_verify_configid}: {@code ^[a-z][a-z0-9_-]+$} (case-insensitive). */
    static final Pattern CONFIG_ID = Pattern.compile("(?i)[a-z][a-z0-9_-]+");

    public MapRequest {
        checkId(mapping);
        if (description != null && description.length() > 4096) {
            throw new InputException(SourceLocation.of("--description"), "longer than the 4096 characters PVE allows");
        }
        selector = selector == null ? VfSelector.all() : selector;
    }

    static void checkId(String id) {
        if (id == null || !CONFIG_ID.matcher(id).matches()) {
            throw new InputException(SourceLocation.of("--mapping " + id), "not a valid PVE mapping id",
                    "a letter, then letters, digits, '-' or '_' (at least 2 characters), e.g. network");
        }
    }
}
