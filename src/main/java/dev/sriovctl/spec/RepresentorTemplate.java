package dev.sriovctl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A representor name template such as {@code ovs-{nic}{port}} (the guide's {@code ovs-sw1pf0vf0}).
 * Variables: {@code {nic}} the spec's NIC name, {@code {port}} the representor's phys_port_name
 * ({@code pf0vf3}), {@code {pf}} the PF netdev, {@code {pfnum}} the PF number, {@code {vf}} the VF
 * index. Names are expanded when rules are rendered, so the udev rule itself does no work.
 */
public record RepresentorTemplate(String text) {

    public static final List<String> VARIABLES = List.of("nic", "port", "pf", "pfnum", "vf");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern NETDEV_CHARS = Pattern.compile("[A-Za-z0-9_.:-]*");

    /** Why this template cannot be used, or null when it is fine. */
    public static String problem(String text) {
        Matcher m = VARIABLE.matcher(text);
        List<String> unknown = new ArrayList<>();
        boolean hasVf = false;
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1))) unknown.add("{" + m.group(1) + "}");
            if (m.group(1).equals("port") || m.group(1).equals("vf")) hasVf = true;
        }
        if (!unknown.isEmpty()) return "unknown variable " + String.join(", ", unknown);
        String literal = VARIABLE.matcher(text).replaceAll("");
        if (literal.contains("{") || literal.contains("}")) return "unbalanced brace";
        if (!NETDEV_CHARS.matcher(literal).matches()) return "a netdev name may hold letters, digits and . _ : - only";
        if (!hasVf) return "it needs {port} or {vf}, or every representor of a PF gets the same name";
        return null;
    }

    public String expand(String nic, String port, String pfNetdev, int pfNumber, int vf) {
        return text.replace("{nic}", nic).replace("{port}", port).replace("{pf}", pfNetdev == null ? "" : pfNetdev)
                .replace("{pfnum}", Integer.toString(pfNumber)).replace("{vf}", Integer.toString(vf));
    }
}
