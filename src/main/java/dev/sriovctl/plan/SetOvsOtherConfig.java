package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sets keys of the {@code Open_vSwitch} table's other_config. They persist in the OVS database,
 * so no packaged file is edited (the guide patches /usr/share/openvswitch/scripts/ovs-ctl). Each key
 * set is tagged {@code external_ids:sriovctl/other_config/<key>} (netplan's ownership pattern) so
 * sriovctl later resets only what it set.
 *
 * @param previous        the old value of each key that had one
 * @param previouslyAbsent keys that were not set before
 */
public record SetOvsOtherConfig(Map<String, String> values, Map<String, String> previous, List<String> previouslyAbsent,
                                String reason) implements Step {

    public SetOvsOtherConfig {
        values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        previous = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(previous));
        previouslyAbsent = List.copyOf(previouslyAbsent);
    }

    public static final String TAG_PREFIX = "sriovctl/other_config/";

    @Override
    public String subject() {
        return "Open_vSwitch";
    }

    @Override
    public String summary() {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> parts.add(k + "=" + v));
        return "other_config " + String.join(" ", parts);
    }

    @Override
    public List<Action> actions() {
        List<String> set = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> set.add("other_config:" + k + "=" + v));
        new TreeMap<>(values).forEach((k, v) -> set.add("external_ids:" + TAG_PREFIX + k + "=" + v));
        return List.of(RunCommand.of(30, CommandCatalog.ovsSetOpenVswitch(set)));
    }

    @Override
    public List<Probe> verify() {
        List<Probe> p = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> p.add(new Probes.OvsValueIs("Open_vSwitch", ".", "other_config", k, v)));
        return p;
    }

    @Override
    public Undo undo() {
        return new Undo(restore(previous, previouslyAbsent), null);
    }

    /** Puts old values back and removes keys (and sriovctl's tags) that were absent. */
    static List<Action> restore(Map<String, String> previous, List<String> absent) {
        List<Action> a = new ArrayList<>();
        if (!previous.isEmpty()) {
            List<String> set = new ArrayList<>();
            new TreeMap<>(previous).forEach((k, v) -> set.add("other_config:" + k + "=" + v));
            a.add(RunCommand.of(30, CommandCatalog.ovsSetOpenVswitch(set)));
        }
        for (String k : absent.stream().sorted().toList()) {
            a.add(RunCommand.of(30, CommandCatalog.ovsRemoveKey("other_config", k)));
        }
        List<String> tags = new ArrayList<>(previous.keySet());
        tags.addAll(absent);
        for (String k : tags.stream().sorted().toList()) {
            a.add(RunCommand.of(30, CommandCatalog.ovsRemoveKey("external_ids", TAG_PREFIX + k)));
        }
        return a;
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
