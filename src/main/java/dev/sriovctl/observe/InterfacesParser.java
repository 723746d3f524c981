package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an ifupdown / ifupdown2 interfaces file (interfaces(5)) into stanzas: enough to tell
 * which interfaces a file defines, their options, and which other files it sources. Options keep
 * ifupdown2's spelling with '_' normalised to '-' (networkinterfaces.py does the same). Lenient on purpose;
 * the simulated host's ifupdown2 has its own reader ({@code sim.ifupdown.InterfacesParser}) that reproduces
 * ifupdown2 3.0.0's refusals and quirks.
 */
public final class InterfacesParser {
    private InterfacesParser() {
    }

    /** One {@code iface} stanza, with the 1-based line it starts on. */
    public record Stanza(String name, String family, String method, int line, Map<String, List<String>> options) {
        public Stanza {
            options = Map.copyOf(options);
        }

        public List<String> option(String key) {
            return options.getOrDefault(key.replace('_', '-'), List.of());
        }
    }

    /** A {@code source}/{@code source-directory} line. */
    public record Source(String keyword, String pattern, int line) {
    }

    public record Parsed(List<Stanza> stanzas, List<String> auto, List<Source> sources) {
        public Parsed {
            stanzas = List.copyOf(stanzas);
            auto = List.copyOf(auto);
            sources = List.copyOf(sources);
        }
    }

    /**
     * The stanzas of one file as {@link IfaceStanza}s that know their file and whether an {@code auto}
     * (or {@code allow-*}) line names them.
     */
    public static List<IfaceStanza> stanzas(String file, String text) {
        Parsed parsed = parse(text);
        java.util.Set<String> auto = new java.util.HashSet<>(parsed.auto());
        List<IfaceStanza> out = new ArrayList<>();
        for (Stanza st : parsed.stanzas()) {
            out.add(new IfaceStanza(file, st.line(), st.name(), st.method(), auto.contains(st.name()), st.options()));
        }
        return out;
    }

    public static Parsed parse(String text) {
        List<Stanza> stanzas = new ArrayList<>();
        List<String> auto = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String name = null, family = null, method = null;
        int start = 0;
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            String line = logical.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] w = line.split("\\s+");
            String keyword = w[0];
            boolean topLevel = switch (keyword) {
                case "iface", "auto", "mapping", "source", "source-directory", "source-dir" -> true;
                default -> keyword.startsWith("allow-");
            };
            if (topLevel) {
                if (name != null) stanzas.add(new Stanza(name, family, method, start, options));
                name = null;
                options = new LinkedHashMap<>();
            }
            switch (keyword) {
                case "iface" -> {
                    name = w.length > 1 ? w[1] : "";
                    family = w.length > 2 ? w[2] : null;
                    method = w.length > 3 ? w[3] : null;
                    start = lineNo;
                }
                case "auto" -> {
                    for (int j = 1; j < w.length; j++) auto.add(w[j]);
                }
                case "source", "source-directory", "source-dir" -> {
                    if (w.length > 1) sources.add(new Source(keyword, w[1], lineNo));
                }
                default -> {
                    if (keyword.startsWith("allow-")) {
                        for (int j = 1; j < w.length; j++) auto.add(w[j]);
                    } else if (name != null) {
                        String value = line.substring(keyword.length()).strip();
                        options.computeIfAbsent(keyword.replace('_', '-'), k -> new ArrayList<>()).add(value);
                    }
                }
            }
        }
        if (name != null) stanzas.add(new Stanza(name, family, method, start, options));
        return new Parsed(stanzas, auto, sources);
    }
}
