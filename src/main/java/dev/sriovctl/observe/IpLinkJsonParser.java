package dev.sriovctl.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ip -d -j link show} (iproute2 JSON). VF entries are read in both the old
 * ({@code "mac"}) and the newer ({@code "address"}, with {@code link_type}) shape, and the VLAN
 * from {@code vlan_list} or the flat {@code vlan} (iproute2 ip/ipaddress.c {@code print_vfinfo}).
 */
public final class IpLinkJsonParser {
    private IpLinkJsonParser() {
    }

    /** Parses the whole output; throws {@link ParseException} with line and column when it is not JSON. */
    public static List<ObservedLink> parse(String text) {
        JsonNode root = JsonTreeParser.parse(text);
        if (!root.isArray()) throw new ParseException("expected a JSON array of links", 1, 1);
        List<ObservedLink> links = new ArrayList<>();
        for (JsonNode n : root) {
            if (!n.hasNonNull("ifname")) continue;
            JsonNode info = n.path("linkinfo");
            List<String> flags = new ArrayList<>();
            n.path("flags").forEach(f -> flags.add(f.asText()));
            List<ObservedLink.VfSettings> vfs = new ArrayList<>();
            for (JsonNode vf : n.path("vfinfo_list")) vfs.add(vf(vf));
            links.add(new ObservedLink(
                    n.get("ifname").asText(),
                    intOrNull(n, "ifindex"),
                    intOrNull(n, "mtu"),
                    intOrNull(n, "max_mtu"),
                    textOrNull(n, "operstate"),
                    textOrNull(n, "address"),
                    textOrNull(n, "master"),
                    textOrNull(info, "info_kind"),
                    textOrNull(info, "info_slave_kind"),
                    textOrNull(n, "phys_port_name"),
                    textOrNull(n, "phys_switch_id"),
                    textOrNull(n, "parentdev"),
                    flags,
                    vfs));
        }
        return links;
    }

    private static ObservedLink.VfSettings vf(JsonNode vf) {
        String mac = textOrNull(vf, "address");
        if (mac == null) mac = textOrNull(vf, "mac");
        Integer vlan = intOrNull(vf, "vlan");
        Integer qos = intOrNull(vf, "qos");
        JsonNode list = vf.path("vlan_list");
        if (list.isArray() && !list.isEmpty()) {
            vlan = intOrNull(list.get(0), "vlan");
            qos = intOrNull(list.get(0), "qos");
        }
        // iproute2 omits a zero vlan/qos: the VF is untagged
        if (vlan == null && vf.has("vf")) vlan = 0;
        Integer maxTx = intOrNull(vf.path("rate"), "max_tx");
        if (maxTx == null) maxTx = intOrNull(vf, "tx_rate");
        return new ObservedLink.VfSettings(vf.path("vf").asInt(-1), mac, vlan, qos,
                boolOrNull(vf, "spoofchk"), boolOrNull(vf, "trust"), textOrNull(vf, "link_state"), maxTx);
    }

    static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Integer intOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.canConvertToInt() ? null : v.asInt();
    }

    static Boolean boolOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }
}
