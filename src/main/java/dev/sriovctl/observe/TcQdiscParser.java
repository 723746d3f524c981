package dev.sriovctl.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code tc -j qdisc show}: a JSON array of {@code {"kind","handle","dev","root"|"parent",
 * "ingress_block",...}} (iproute2 tc/tc_qdisc.c {@code print_qdisc}: "root" is a boolean printed only for the
 * root qdisc, "parent" otherwise, "ingress_block"/"egress_block" only when set).
 */
public final class TcQdiscParser {
    private TcQdiscParser() {
    }

    public static List<Qdisc> parse(String text) {
        if (text.isBlank()) return List.of();
        JsonNode root = JsonTreeParser.parse(text);
        if (!root.isArray()) throw new ParseException("expected a JSON array of qdiscs from tc -j", 1, 1);
        List<Qdisc> out = new ArrayList<>();
        for (JsonNode q : root) {
            out.add(new Qdisc(IpLinkJsonParser.textOrNull(q, "dev"), IpLinkJsonParser.textOrNull(q, "kind"),
                    IpLinkJsonParser.textOrNull(q, "handle"), IpLinkJsonParser.textOrNull(q, "parent"),
                    q.path("root").asBoolean(false), IpLinkJsonParser.intOrNull(q, "ingress_block")));
        }
        return out;
    }
}
