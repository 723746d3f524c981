package dev.sriovctl.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads /var/log/openvswitch/ovs-vswitchd.log ({@code TIME|SEQ|MODULE|LEVEL|TEXT}, lib/vlog.c). A process
 * start is the line with sequence number {@code 00001} (the counter is per process; a log reopen after
 * rotation keeps counting). After the last start, OVS logs {@code netdev_offload|INFO|netdev: Flow API Enabled}
 * when hw-offload takes effect and {@code tc|INFO|tc: Using policy 'skip_sw'} with the tc-policy it read at
 * that moment (lib/netdev-offload.c, lib/tc.c; both seen from Debian 12's OVS 3.1.0). Changing tc-policy
 * later logs nothing: it takes effect only after a restart.
 */
public final class VswitchdLogParser {
    private VswitchdLogParser() {
    }

    private static final Pattern SEQ = Pattern.compile("^[^|]*\\|(\\d+)\\|([^|]*)\\|([^|]*)\\|(.*)$");
    private static final Pattern POLICY = Pattern.compile("tc: Using policy '([^']*)'");
    private static final Pattern VERSION = Pattern.compile("ovs-vswitchd \\(Open vSwitch\\) (\\S+)");

    public static VswitchdLog parse(String text) {
        String start = null, flow = null, policy = null, policyLine = null, version = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            Matcher m = SEQ.matcher(line);
            if (!m.matches()) continue;
            if (Integer.parseInt(m.group(1)) == 1) {
                start = line;
                flow = policy = policyLine = version = null;
                continue;
            }
            String msg = m.group(4);
            if (msg.startsWith("netdev: Flow API Enabled")) flow = line;
            Matcher p = POLICY.matcher(msg);
            if (p.find()) {
                policy = p.group(1);
                policyLine = line;
            }
            Matcher v = VERSION.matcher(msg);
            if (v.find()) version = v.group(1);
        }
        return new VswitchdLog(start, flow, policy, policyLine, version);
    }
}
