package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an ifupdown/ifupdown2 interfaces file (interfaces(5)): {@code iface NAME FAMILY METHOD} starts a
 * stanza, the option lines that follow belong to it until the next top-level keyword ({@code iface},
 * {@code auto}, {@code allow-*}, {@code source}, {@code source-directory}, {@code mapping}). Comments and
 * blank lines are skipped. {@code _} in option names is read as {@code -}, as ifupdown2 does.
 */
public final class IfupdownInterfacesParser {
    private IfupdownInterfacesParser() {
    }

    private static final Set<String> TOP = Set.of("iface", "auto", "source", "source-directory", "mapping", "allow-auto", "allow-hotplug", "allow-ovs");

    public static List<IfaceStanza> parse(String file, String text) {
        List<IfaceStanza> out = new ArrayList<>();
        Set<String> auto = new HashSet<>();
        String name = null, method = null;
        int at = 0;
        Map<String, List<String>> opts = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] w = s.split("\\s+");
            String first = w[0];
            if (TOP.contains(first) || first.startsWith("allow-")) {
                if (name != null) out.add(new IfaceStanza(file, at, name, method, false, opts));
                name = null;
                if (first.equals("iface") && w.length >= 2) {
                    name = w[1];
                    method = w.length >= 4 ? w[3] : null;
                    at = i + 1;
                    opts = new LinkedHashMap<>();
                } else if (first.equals("auto") || first.startsWith("allow-")) {
                    for (int k = 1; k < w.length; k++) auto.add(w[k]);
                }
                continue;
            }
            if (name == null) continue;
            String value = s.substring(first.length()).strip();
            opts.computeIfAbsent(normalise(first), k -> new ArrayList<>()).add(value);
        }
        if (name != null) out.add(new IfaceStanza(file, at, name, method, false, opts));
        List<IfaceStanza> withAuto = new ArrayList<>();
        for (IfaceStanza st : out) {
            withAuto.add(new IfaceStanza(st.file(), st.line(), st.name(), st.method(), auto.contains(st.name()), st.options()));
        }
        return withAuto;
    }

    static String normalise(String key) {
        return key.replace('_', '-');
    }
}
