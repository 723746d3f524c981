package dev.sriovctl.pve;

import java.util.ArrayList;
import java.util.List;

/**
 * The new {@code map} list of a mapping: PUT replaces the whole list (pve-manager
 * Mapping/PCI.pm {@code $data->{$_} = $opts->{$_}}), so other nodes' entries are kept exactly as
 * stored and in place, and only this node's entries are replaced, at the position of the first
 * one (or appended). When this node's entries already say the same thing, in any order and any
 * key order, nothing changes: re-running is a no-op.
 */
public final class MappingMerge {
    private MappingMerge() {
    }

    /**
     * @param after   the full list to send
     * @param added   this node's new entries not there before
     * @param removed this node's old entries that go
     * @param kept    other entries kept verbatim (other nodes', and unreadable ones)
     */
    public record Result(List<String> after, boolean changed, List<String> added, List<String> removed,
                         List<String> kept, List<String> warnings) {
    }

    public static Result merge(List<String> current, String node, List<MapEntry> desired) {
        List<String> warnings = new ArrayList<>();
        List<MapEntry> ours = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int insertAt = -1;
        for (String s : current) {
            MapEntry e;
            try {
                e = MapEntry.parse(s);
            } catch (IllegalArgumentException ex) {
                warnings.add("kept an entry PVE cannot read either (" + ex.getMessage() + "): '" + s + "'");
                others.add(s);
                continue;
            }
            if (e.node().equals(node)) {
                if (insertAt < 0) insertAt = others.size();
                ours.add(e);
            } else {
                others.add(s);
            }
        }
        List<String> want = desired.stream().map(MapEntry::format).sorted().toList();
        List<String> have = ours.stream().map(MapEntry::format).sorted().toList();
        if (want.equals(have)) {
            return new Result(List.copyOf(current), false, List.of(), List.of(), others, warnings);
        }
        List<String> added = new ArrayList<>();
        for (MapEntry d : desired) if (ours.stream().noneMatch(o -> o.sameAs(d))) added.add(d.format());
        List<String> removed = new ArrayList<>();
        for (MapEntry o : ours) if (desired.stream().noneMatch(d -> d.sameAs(o))) removed.add(o.text());
        List<String> after = new ArrayList<>(others);
        List<String> mine = desired.stream().map(MapEntry::format).toList();
        after.addAll(insertAt < 0 ? after.size() : insertAt, mine);
        return new Result(after, true, added, removed, others, warnings);
    }
}
