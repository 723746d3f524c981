package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code dmesg} output (and {@code journalctl -o short-monotonic} excerpts) into messages.
 * A line without a timestamp that is indented continues the previous message: the kernel prints
 * multi-line messages such as mlx5's "Failed to activate VF LAG" + "Make sure all VFs are unbound ..."
 * that way. Shell prompt lines ({@code root@host:~# dmesg | grep ...}) are skipped.
 */
public final class KernelLogParser {
    private KernelLogParser() {
    }

    private static final Pattern TIMESTAMP = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]\\s?(.*)$");
    /** {@code mlx5_core 0000:d8:00.0: ...}, {@code pci 0000:81:00.2: ...}, {@code vfio-pci 0000:...}. */
    private static final Pattern DEVICE = Pattern.compile("(?:^|\\s)[\\w-]+ ((?:[0-9a-fA-F]{4}):[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])[: ]");

    public static List<KernelLogLine> parse(String text) {
        List<KernelLogLine> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.isBlank()) continue;
            String stripped = raw.strip();
            if (DpctlFlowParser.isPrompt(stripped) && !TIMESTAMP.matcher(stripped).matches()) continue;
            Matcher t = TIMESTAMP.matcher(stripped);
            if (!t.matches() && Character.isWhitespace(raw.charAt(0)) && !out.isEmpty()) {
                KernelLogLine prev = out.remove(out.size() - 1);
                out.add(new KernelLogLine(prev.number(), prev.timestamp(), prev.device(), prev.text() + "\n" + stripped));
                continue;
            }
            Double ts = t.matches() ? Double.valueOf(t.group(1)) : null;
            String body = t.matches() ? t.group(2) : stripped;
            Matcher d = DEVICE.matcher(body);
            out.add(new KernelLogLine(i + 1, ts, d.find() ? d.group(1).toLowerCase(java.util.Locale.ROOT) : null, body));
        }
        return out;
    }
}
