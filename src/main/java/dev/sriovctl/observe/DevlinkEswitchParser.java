package dev.sriovctl.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code devlink dev eswitch show}: the JSON form ({@code {"dev":{"pci/0000:81:00.0":{"mode":"switchdev",
 * "inline-mode":"none","encap-mode":"basic"}}}}, iproute2 devlink/devlink.c {@code pr_out_eswitch}) and the
 * text form ({@code pci/0000:81:00.0: mode switchdev inline-mode none encap-mode basic}), prompt lines ignored.
 */
public final class DevlinkEswitchParser {
    private DevlinkEswitchParser() {
    }

    /** One device's e-switch settings; a field is null when devlink did not print it. */
    public record Eswitch(String device, EswitchMode mode, String inlineMode, String encapMode) {
    }

    private static final Pattern TEXT = Pattern.compile("^(\\S+/\\S+): (mode \\S+.*)$");

    public static List<Eswitch> parse(String text) {
        String t = text.strip();
        if (t.startsWith("{")) return parseJson(t);
        List<Eswitch> out = new ArrayList<>();
        for (String line : t.split("\n")) {
            Matcher m = TEXT.matcher(line.strip());
            if (!m.matches()) continue;
            String[] words = m.group(2).split("\\s+");
            String mode = null, inline = null, encap = null;
            for (int i = 0; i + 1 < words.length; i += 2) {
                switch (words[i]) {
                    case "mode" -> mode = words[i + 1];
                    case "inline-mode" -> inline = words[i + 1];
                    case "encap-mode", "encap" -> encap = words[i + 1];
                    default -> {
                        // newer keys are not used
                    }
                }
            }
            out.add(new Eswitch(m.group(1), EswitchMode.of(mode), inline, encap));
        }
        return out;
    }

    private static List<Eswitch> parseJson(String text) {
        JsonNode root = JsonTreeParser.parse(text);
        List<Eswitch> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("dev").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.add(new Eswitch(e.getKey(), EswitchMode.of(IpLinkJsonParser.textOrNull(v, "mode")),
                    IpLinkJsonParser.textOrNull(v, "inline-mode"), IpLinkJsonParser.textOrNull(v, "encap-mode")));
        }
        return out;
    }
}
