package dev.sriovctl.sim.ifupdown;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code iface} stanza as ifupdown2 reads it: attribute names with {@code _} turned into {@code -},
 * values in file order (a keyword may repeat, e.g. {@code address} or {@code ovs-extra}), {@code $IFACE}
 * already replaced by the name (as networkinterfaces.py does; {@code ${IFACE}} is left for the shell).
 *
 * @param families "inet", "inet6" (several stanzas of one name are merged)
 * @param method   manual, static, loopback, dhcp...
 * @param auto     listed on an {@code auto} (or {@code allow-auto}) line
 * @param classes  the {@code allow-CLASS} lines naming it
 */
public record Stanza(String name, List<String> families, String method, Map<String, List<String>> attributes, boolean auto,
                     List<String> classes, String file, int line) {

    public Stanza {
        families = List.copyOf(families);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = java.util.Collections.unmodifiableMap(copy);
        classes = List.copyOf(classes);
    }

    /** The first value of an attribute ({@code get_attr_value_first}), or null. */
    public String first(String attr) {
        List<String> v = attributes.get(attr);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every value of an attribute, in file order. */
    public List<String> all(String attr) {
        return attributes.getOrDefault(attr, List.of());
    }

    @JsonIgnore
    public String ovsType() {
        return first("ovs-type");
    }

    /** An OVS port stanza: ovs-type and ovs-bridge both set (openvswitch_port.py _is_ovs_port). */
    @JsonIgnore
    public boolean isOvsPort() {
        return ovsType() != null && first("ovs-bridge") != null && !"OVSBridge".equals(ovsType());
    }

    @JsonIgnore
    public boolean isOvsBridge() {
        return "OVSBridge".equals(ovsType());
    }

    @JsonIgnore
    public boolean isLinuxBond() {
        return first("bond-slaves") != null;
    }

    @JsonIgnore
    public boolean isLinuxBridge() {
        return first("bridge-ports") != null;
    }

    /** Same configuration (file position aside): what ifreload compares. */
    public boolean sameConfig(Stanza o) {
        return o != null && name.equals(o.name) && families.equals(o.families) && java.util.Objects.equals(method, o.method)
                && attributes.equals(o.attributes) && auto == o.auto && classes.equals(o.classes);
    }
}
