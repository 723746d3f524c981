package dev.sriovctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pieces of the public guide ({@code ../shared/guide.txt}), read in place and never copied into the
 * repository. The guide's page was flattened to text: its code blocks lost their line breaks, so they are
 * restored here the way the file would be on disk.
 */
public final class GuideText {
    private GuideText() {
    }

    public static String text() {
        Path p = Fixtures.shared().resolve("guide.txt");
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line after the one that names {@code marker} (the guide puts a code block after its "vi FILE" line). */
    static String blockAfter(String marker) {
        List<String> lines = text().lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains(marker)) return lines.get(i + 1);
        }
        throw new IllegalStateException("guide.txt has no line naming " + marker);
    }

    /** The guide's /etc/udev/rules.d/70-persistent-net-vf.rules, one rule or comment per line again. */
    public static String udevRules() {
        String flat = blockAfter("/etc/udev/rules.d/70-persistent-net-vf.rules");
        return flat.strip().replaceAll("\\s+(?=# |KERNELS==|SUBSYSTEM==)", "\n") + "\n";
    }

    /** The Open_vSwitch other_config the guide shows after its ovs-ctl patch ({@code {hw-offload="true", ...}}). */
    public static Map<String, String> ovsOtherConfig() {
        Matcher m = Pattern.compile("\\{(hw-offload=[^}]*)\\}").matcher(text());
        if (!m.find()) throw new IllegalStateException("guide.txt shows no other_config map");
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : m.group(1).split(",\\s*")) {
            String[] p = kv.split("=", 2);
            out.put(p[0].strip(), p[1].strip().replace("\"", ""));
        }
        return out;
    }

    /**
     * The lines the guide's patch adds to /usr/share/openvswitch/scripts/ovs-ctl (its "+" lines, without the
     * "+"), one per line.
     */
    public static String ovsCtlPatchLines() {
        Matcher m = Pattern.compile("\\+ (ovs_vsctl -- set Open_vSwitch \\. other_config:[^+]*?\\|\\|:)").matcher(text());
        StringBuilder sb = new StringBuilder();
        while (m.find()) sb.append("    ").append(m.group(1).strip()).append('\n');
        if (sb.length() == 0) throw new IllegalStateException("guide.txt shows no ovs-ctl patch");
        return sb.toString();
    }

    /** The switch id the guide's own host reported ({@code ip -d link show enp129s0f0np0} before switchdev). */
    public static String discoveredSwitchId() {
        Matcher m = Pattern.compile("switchid (\\p{XDigit}{16}) parentbus pci parentdev 0000:81:00.0\\s").matcher(text());
        if (!m.find()) throw new IllegalStateException("guide.txt shows no switch id");
        return m.group(1);
    }
}
