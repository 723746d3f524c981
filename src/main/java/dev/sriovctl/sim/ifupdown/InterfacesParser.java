package dev.sriovctl.sim.ifupdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads /etc/network/interfaces the way Debian 12's ifupdown2 3.0.0 does (ifupdown/networkinterfaces.py):
 * keywords {@code auto}, {@code allow-CLASS}, {@code iface NAME [inet|inet6 METHOD]}, {@code source GLOB};
 * attribute lines {@code key value} up to the next keyword; comments only on their own line; {@code \}
 * continues a line. Problems are not fatal, as in ifupdown2: each is reported ("FILE: lineN: message") and
 * makes the command exit 1 while everything else is still configured.
 *
 * <p>Quirks kept on purpose: {@code source-directory} is not a keyword of ifupdown2 3.0.0 ("error processing
 * line"); a relative {@code source} path is taken from the root (ifupdown2 globs from its working directory, /).
 * Not modelled: mako templates, interface ranges ({@code swp[1-4]}) in iface names.
 *
 * <p>Why a second reader beside {@link dev.sriovctl.observe.InterfacesParser}: that one is the general, lenient
 * reader doctor and plan use (it follows {@code source-directory}, counts {@code allow-*} lines as auto, reports
 * nothing); this one must do what one ifupdown2 release does, refusals, quirks and line numbers included, which is
 * what the emulation is for. Building it on the lenient reader would mean undoing exactly those differences.
 */
public final class InterfacesParser {
    private InterfacesParser() {
    }

    private static final Map<String, List<String>> METHODS = Map.of(
            "inet", List.of("static", "manual", "loopback", "dhcp", "dhcp6", "ppp", "tunnel"),
            "inet6", List.of("static", "manual", "loopback", "dhcp", "dhcp6", "ppp", "tunnel"));
    private static final Pattern WS = Pattern.compile("[\\s\\t]\\s*");

    /** A parse problem: "error" or "warning", with the message ifupdown2 logs. */
    public record Problem(String level, String file, int line, String message) {
        /** As ifupdown2 logs it: {@code error: /etc/network/interfaces: line12: ...}. */
        public String render() {
            return level + ": " + file + (line >= 0 ? ": line" + line : "") + ": " + message;
        }
    }

    /** The stanzas (by name, in the order first seen) and the problems found. */
    public record Result(Map<String, Stanza> stanzas, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.level().equals("error"));
        }
    }

    private static final class State {
        final ConfigFiles files;
        final List<String> auto = new ArrayList<>();
        boolean autoAll;
        final Map<String, List<String>> allow = new LinkedHashMap<>();
        final List<Raw> raws = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        int depth;

        State(ConfigFiles files) {
            this.files = files;
        }
    }

    private record Raw(String name, String family, String method, Map<String, List<String>> attrs, String file, int line) {
    }

    public static Result parse(ConfigFiles files, String path) {
        State st = new State(files);
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            st.problems.add(new Problem("warning", path, -1, "error processing file " + path + " ([Errno 2] No such file or directory: '"
                    + path + "')"));
        } else {
            readText(st, path, text.get());
        }
        // auto/allow lines apply wherever they appear, as ifupdown2 sets them when the iface is found
        Map<String, Stanza> out = new LinkedHashMap<>();
        for (Raw r : st.raws) {
            // only "auto" lines mark an interface for -a ("allow-auto" is just a class in ifupdown2 3.0.0)
            boolean auto = st.autoAll || st.auto.contains(r.name);
            List<String> classes = new ArrayList<>();
            st.allow.forEach((c, names) -> {
                if (names.contains(r.name)) classes.add(c);
            });
            Stanza prev = out.get(r.name);
            if (prev == null) {
                List<String> fam = r.family == null ? List.of() : List.of(r.family);
                out.put(r.name, new Stanza(r.name, fam, r.method, r.attrs, auto, classes, r.file, r.line));
            } else {
                List<String> fam = new ArrayList<>(prev.families());
                if (r.family != null && !fam.contains(r.family)) fam.add(r.family);
                Map<String, List<String>> attrs = new LinkedHashMap<>();
                prev.attributes().forEach((k, v) -> attrs.put(k, new ArrayList<>(v)));
                r.attrs.forEach((k, v) -> attrs.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                out.put(r.name, new Stanza(r.name, fam, prev.method(), attrs, auto || prev.auto(), classes, prev.file(), prev.line()));
            }
        }
        return new Result(out, List.copyOf(st.problems));
    }

    private static void readText(State st, String file, String text) {
        if (++st.depth > 20) {
            st.problems.add(new Problem("error", file, -1, "too many nested source lines"));
            return;
        }
        // line continuations: a trailing backslash joins the next line (line numbers stay those of the first)
        String[] raw = text.split("\n", -1);
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            StringBuilder l = new StringBuilder(raw[i]);
            int start = i;
            while (l.toString().stripTrailing().endsWith("\\") && i + 1 < raw.length) {
                String s = l.toString().stripTrailing();
                l = new StringBuilder(s.substring(0, s.length() - 1).strip()).append(' ').append(raw[++i].strip());
            }
            lines.add(l.toString().strip());
            numbers.add(start + 1);
        }
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isEmpty() || l.startsWith("#")) {
                i++;
                continue;
            }
            String[] words = WS.split(l);
            String kw = words[0];
            int lineNo = numbers.get(i);
            if (kw.equals("auto")) {
                if (words.length < 2) st.problems.add(new Problem("error", file, lineNo, "invalid auto line '" + l + "'"));
                for (int w = 1; w < words.length; w++) {
                    if (words[w].equals("all")) {
                        st.autoAll = true;
                        break;
                    }
                    st.auto.add(words[w]);
                }
                i++;
            } else if (kw.startsWith("allow-") || kw.equals("allow")) {
                if (words.length <= 1) {
                    st.problems.add(new Problem("error", file, lineNo, "invalid allow line '" + l + "' at line " + lineNo));
                } else {
                    String cls = kw.contains("-") ? kw.substring(kw.indexOf('-') + 1) : "";
                    for (int w = 1; w < words.length; w++) st.allow.computeIfAbsent(cls, x -> new ArrayList<>()).add(words[w]);
                }
                i++;
            } else if (kw.equals("source")) {
                source(st, file, lineNo, words);
                i++;
            } else if (kw.equals("iface") || kw.equals("vlan")) {
                i = iface(st, file, lines, numbers, i, words);
            } else {
                st.problems.add(new Problem("error", file, lineNo, "error processing line '" + l + "'"));
                i++;
            }
        }
        st.depth--;
    }

    private static void source(State st, String file, int lineNo, String[] words) {
        if (words.length < 2 || words[1].isEmpty()) {
            st.problems.add(new Problem("error", file, lineNo, "unable to read source line"));
            return;
        }
        String pattern = words[1].startsWith("/") ? words[1] : "/" + words[1];
        List<String> matches = glob(st.files, pattern);
        if (matches.isEmpty()) {
            if (!pattern.contains("*")) st.problems.add(new Problem("warning", file, lineNo, "cannot find source file " + words[1]));
            return;
        }
        for (String m : matches) {
            Optional<String> t = st.files.read(m);
            if (t.isPresent()) readText(st, m, t.get());
        }
    }

    /** Python glob for the patterns /etc/network/interfaces uses: wildcards in the last path component only. */
    static List<String> glob(ConfigFiles files, String pattern) {
        int slash = pattern.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : pattern.substring(0, slash);
        String name = pattern.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return files.read(pattern).isPresent() ? List.of(pattern) : List.of();
        }
        Pattern re = Pattern.compile(globToRegex(name));
        List<String> out = new ArrayList<>();
        for (String e : files.list(dir)) {
            if (e.startsWith(".") && !name.startsWith(".")) continue; // glob skips dot files
            if (re.matcher(e).matches() && files.read(dir + "/" + e).isPresent()) out.add(dir + "/" + e);
        }
        return out;
    }

    private static String globToRegex(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> sb.append("[^/]*");
                case '?' -> sb.append("[^/]");
                case '[', ']' -> sb.append(c);
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    private static int iface(State st, String file, List<String> lines, List<Integer> numbers, int at, String[] words) {
        int lineNo = numbers.get(at);
        String name = words.length > 1 ? words[1] : "";
        if (name.length() > 15) st.problems.add(new Problem("warning", file, lineNo, name + ": interface name too long"));
        if (name.contains(":")) name = name.substring(0, name.indexOf(':'));
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        int i = at + 1;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] kv = WS.split(l, 2);
            if (isKeyword(kv[0])) break;
            if (kv.length < 2) {
                // ifupdown2 passes the 0-based index here, so its message names the line before
                st.problems.add(new Problem("error", file, numbers.get(i) - 1, "iface " + name + ": invalid syntax '" + l + "'"));
                continue;
            }
            String key = kv[0].replace('_', '-');
            String value = kv[1].replace("$IFACE", name);
            attrs.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        String family = words.length > 2 ? words[2] : null;
        String method = words.length > 3 ? words[3] : null;
        if (family != null) {
            List<String> methods = METHODS.get(family);
            if (methods == null) {
                st.problems.add(new Problem("error", file, lineNo, "iface " + name + ": unsupported address family '" + family + "'"));
                family = null;
                method = null;
            } else if (method == null) {
                method = "static";
            } else if (!methods.contains(method)) {
                st.problems.add(new Problem("error", file, lineNo, "iface " + name + ": unsupported address method '" + method + "'"));
            }
        }
        st.raws.add(new Raw(name, family, method, attrs, file, lineNo));
        return i;
    }

    private static boolean isKeyword(String w) {
        return w.equals("source") || w.equals("auto") || w.equals("iface") || w.equals("vlan") || w.split("-")[0].equals("allow");
    }
}
