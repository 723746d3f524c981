package dev.sriovctl.render;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the guide's hand-written configuration out of ../shared/guide.txt, in place (never
 * copied into the repository). The published text lost its line breaks, so stanzas are read
 * back by keyword. Tests that need it are skipped with a reason where the file is absent.
 */
final class GuideText {

    private final String text;

    private GuideText(String text) {
        this.text = text;
    }

    static GuideText load() {
        Path p = Fixtures.shared().resolve("guide.txt");
        Assumptions.assumeTrue(Files.isRegularFile(p), "../shared/guide.txt is absent: the side-by-side comparison with the guide is skipped");
        try {
            return new GuideText(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    /** The line holding a marker (the guide puts each file's content on one line). */
    String lineWith(String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("guide.txt has no line with " + marker));
    }

    List<String> all(Pattern p, String in) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(in);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static final Set<String> KEYS = Set.of("ovs_type", "ovs_ports", "ovs_mtu", "address", "gateway", "ovs_bonds",
            "ovs_bridge", "ovs_options", "ovs_extra");

    /** Stanzas from a flattened interfaces file: name -> option -> value. */
    static Map<String, Map<String, String>> stanzas(String flat) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String[] t = flat.strip().split("\\s+");
        Map<String, String> current = null;
        for (int i = 0; i < t.length; i++) {
            if (t[i].equals("auto")) {
                i++;
                current = null;
            } else if (t[i].equals("iface") && i + 3 < t.length) {
                current = new LinkedHashMap<>();
                current.put("method", t[i + 2] + " " + t[i + 3]);
                out.put(t[i + 1], current);
                i += 3;
            } else if (current != null && KEYS.contains(t[i])) {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < t.length && !KEYS.contains(t[j]) && !t[j].equals("auto") && !t[j].equals("iface")) {
                    if (v.length() > 0) v.append(' ');
                    v.append(t[j++]);
                }
                current.put(t[i], v.toString());
                i = j - 1;
            }
        }
        return out;
    }
}
