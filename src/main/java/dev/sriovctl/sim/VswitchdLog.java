package dev.sriovctl.sim;

import dev.sriovctl.sim.ovs.Vswitchd;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * /var/log/openvswitch/ovs-vswitchd.log of the simulated daemon: what doctor reads to learn which settings
 * the running ovs-vswitchd took up. Lines in vlog's {@code TIME|SEQ|MODULE|LEVEL|TEXT} layout, as a real
 * OVS 3.1.0 wrote them (the capture in the tests' Captures.VSWITCHD_LOG): a start opens the log with
 * sequence number 00001 and names the version; enabling the TC flow API logs "netdev: Flow API Enabled" and
 * the tc-policy read at that moment; a later tc-policy change logs nothing.
 */
final class VswitchdLog {
    private VswitchdLog() {
    }

    static final String PATH = "/var/log/openvswitch/ovs-vswitchd.log";
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** The daemon's state before a command. */
    record Mark(int starts, boolean flowApi) {
    }

    static Mark mark(Vswitchd v) {
        return new Mark(v.starts(), v.flowApiEnabled());
    }

    /** A freshly installed daemon's first start. */
    static void started(SimHost host, Vswitchd v) {
        since(host, new Mark(v.starts() - 1, false), v);
    }

    /** Appends what the daemon logged since {@code before}: a (re)start, the flow API turning on. */
    static void since(SimHost host, Mark before, Vswitchd v) {
        StringBuilder sb = new StringBuilder(host.read(PATH).orElse(""));
        int startLen = sb.length();
        if (v.running() && v.starts() != before.starts()) {
            append(host, sb, 1, "vlog", "opened log file " + PATH);
            if (v.flowApiEnabled()) {
                append(host, sb, 6, "netdev_offload", "netdev: Flow API Enabled");
                append(host, sb, 7, "tc", "tc: Using policy '" + v.tcPolicy() + "'");
            }
            append(host, sb, 9, "bridge", "ovs-vswitchd (Open vSwitch) 3.1.0");
        } else if (v.flowApiEnabled() && !before.flowApi()) {
            int seq = nextSeq(sb.toString());
            append(host, sb, seq, "netdev_offload", "netdev: Flow API Enabled");
            append(host, sb, seq + 1, "tc", "tc: Using policy '" + v.tcPolicy() + "'");
        }
        if (sb.length() != startLen) host.writeFile(PATH, sb.toString().getBytes(StandardCharsets.UTF_8), 0640);
    }

    private static void append(SimHost host, StringBuilder sb, int seq, String module, String text) {
        String time = TIME.format(NetworkTool.BOOT.plusNanos(host.state().clockMicros * 1000));
        sb.append(time).append('|').append(String.format("%05d", seq)).append('|').append(module).append("|INFO|").append(text).append('\n');
    }

    /** The sequence number after the last line of the current process (vlog counts per process). */
    private static int nextSeq(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) return 1;
        String[] f = lines.get(lines.size() - 1).split("\\|");
        try {
            return Integer.parseInt(f[1]) + 1;
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
