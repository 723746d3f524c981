package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code iface NAME ...} stanza of /etc/network/interfaces (or a file under interfaces.d).
 * Option names are normalised the way ifupdown2 does ({@code ovs_type} and {@code ovs-type} are the same key).
 *
 * @param auto whether an {@code auto NAME} (or {@code allow-hotplug}) line names it
 */
public record IfaceStanza(String file, int line, String name, String method, boolean auto,
                          Map<String, List<String>> options) {

    public IfaceStanza {
        options = Map.copyOf(options);
    }

    /** The first value of an option (ifupdown2 keeps the last for single-valued keys; a duplicate is rare). */
    public Optional<String> option(String key) {
        List<String> v = options.get(key.replace('_', '-'));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** A space-separated option as words ({@code ovs_ports bond1 vf0} -> [bond1, vf0]). */
    public List<String> words(String key) {
        return option(key).map(v -> List.of(v.strip().split("\\s+"))).orElse(List.of());
    }

    public String location() {
        return file + ":" + line;
    }
}
