package dev.sriovctl.sim;

import dev.sriovctl.host.HostException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps {@code fs/sys} and {@code fs/proc} of the host directory equal to the simulated kernel, so the
 * directory is a snapshot anyone can inspect ({@code ls -l fs/sys/class/net}). Only what changed is
 * written: the tree the mirror shows ({@code sim/mirror-state.json}) is diffed in memory against the
 * current one. Unreadable attributes (write-only, or failing reads) are left out, as a capture would.
 */
final class SimMirror {
    private SimMirror() {
    }

    static final List<String> TOPS = List.of("/sys", "/proc");

    /** An entry: a file's content, a symlink's target, or a directory. */
    record Entry(char type, String value) {
    }

    static Map<String, Entry> entries(SysfsTree tree) {
        Map<String, Entry> m = new HashMap<>();
        for (String top : TOPS) {
            tree.walk(top, (path, node) -> {
                if (node instanceof SysNode.Dir) m.put(path, new Entry('d', null));
                else if (node instanceof SysNode.Symlink l) m.put(path, new Entry('l', l.target()));
                else if (node instanceof SysNode.Attr a) {
                    String v = a.read().get();
                    if (v != null) m.put(path, new Entry('f', v));
                }
            });
        }
        return m;
    }

    /** Applies the difference between {@code before} (null: nothing on disk yet) and {@code after}; returns entries written. */
    static int sync(Path fsRoot, Map<String, Entry> before, Map<String, Entry> after) {
        Map<String, Entry> old = before == null ? Map.of() : before;
        int written = 0;
        try {
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, Entry> e : old.entrySet()) {
                Entry now = after.get(e.getKey());
                if (now == null || now.type() != e.getValue().type()) gone.add(e.getKey());
            }
            gone.sort(Comparator.comparingInt((String s) -> s.length()).reversed());
            for (String p : gone) delete(fsRoot, p);
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, Entry> e : after.entrySet()) {
                Entry was = old.get(e.getKey());
                if (was == null || was.type() != e.getValue().type() || !Objects.equals(was.value(), e.getValue().value())) {
                    changed.add(e.getKey());
                }
            }
            changed.sort(Comparator.naturalOrder());
            // parents come before children in this order, so each directory is made once
            java.util.Set<Path> made = new java.util.HashSet<>();
            for (String p : changed) {
                Entry e = after.get(p);
                Path target = at(fsRoot, p);
                Path parent = target.getParent();
                if (made.add(parent) && !old.containsKey(p.substring(0, Math.max(1, p.lastIndexOf('/'))))) {
                    Files.createDirectories(parent);
                }
                switch (e.type()) {
                    case 'd' -> {
                        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
                        made.add(target);
                    }
                    case 'l' -> {
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.value()));
                    }
                    default -> Files.writeString(target, e.value(), StandardCharsets.UTF_8);
                }
                written++;
            }
        } catch (IOException e) {
            throw new HostException("cannot update the sysfs mirror under " + fsRoot + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static void delete(Path fsRoot, String p) throws IOException {
        Path target = at(fsRoot, p);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.walk(target)) {
                for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
            }
        } else {
            Files.deleteIfExists(target);
        }
    }

    static Path at(Path fsRoot, String hostPath) {
        Path p = fsRoot;
        for (String s : hostPath.substring(1).split("/")) p = p.resolve(s);
        return p;
    }
}
