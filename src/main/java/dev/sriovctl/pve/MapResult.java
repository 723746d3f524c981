package dev.sriovctl.pve;

import java.util.List;

/**
 * What {@code sriovctl pve map} did (or, with --dry-run, would do).
 *
 * @param action  {@code created}, {@code updated}, {@code unchanged}; {@code would create} / {@code would update} on a dry run
 * @param before  the mapping's {@code map} list before (empty when it did not exist)
 * @param after   the list after
 * @param othersKept entries of other nodes (and unreadable ones) kept as they were
 */
public record MapResult(String mapping, String node, String via, String action, boolean dryRun,
                        List<String> before, List<String> after, List<String> added, List<String> removed,
                        int othersKept, List<String> warnings) {

    public boolean changed() {
        return !action.equals("unchanged");
    }
}
