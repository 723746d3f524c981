package dev.sriovctl.observe;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One datapath flow as {@code ovs-appctl dpctl/dump-flows -m} prints it (lib/dpif.c {@code format_dpif_flow}):
 * {@code ufid:U, MATCH, packets:N, bytes:N, used:T[, flags:F][, offloaded:yes][, dp:tc|ovs][, actions:A][, dp-extra-info:X]}.
 *
 * @param offloaded the {@code offloaded:} tag ("yes", "partial"), or null when OVS printed none (not in hardware)
 * @param dp        the {@code dp:} tag: "tc" (kernel TC, hardware or software), "ovs" (OVS datapath), or null
 * @param used      seconds since last use, or null for "never"
 */
public record DatapathFlow(String ufid, String match, long packets, long bytes, Double used, String offloaded,
                           String dp, String actions) {

    private static final Pattern IN_PORT = Pattern.compile("(?:^|[,(])in_port\\(([^)]*)\\)");

    /** In hardware: {@code offloaded:yes} (or {@code partial} on DPDK), as OVS reports from TC's in_hw flag. */
    public boolean isOffloaded() {
        return offloaded != null && !offloaded.equals("no");
    }

    /** The {@code in_port(...)} of the match, or null. */
    public String inPort() {
        Matcher m = IN_PORT.matcher(match);
        return m.find() ? m.group(1) : null;
    }

    /** The output ports and nested actions, split at top-level commas ({@code set(...)} kept whole). */
    public List<String> actionList() {
        return DpctlFlowParser.splitTopLevel(actions == null ? "" : actions, ',');
    }

    /** Output ports: the plain words among the actions (port names under -m). */
    public List<String> outputs() {
        return actionList().stream().filter(a -> !a.contains("(") && !a.equals("drop") && !a.isEmpty()).toList();
    }
}
