package dev.sriovctl.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configuration files a plan compares with what it renders, as read from a host before
 * planning (the planner itself does no I/O): file contents by path, directory listings, symlink
 * targets, and the kernel command line. A path that is absent was not there (or not readable).
 */
public record ConfigFiles(Map<String, String> files, Map<String, List<String>> dirs, Map<String, String> links,
                          String cmdline) {

    public ConfigFiles {
        files = Map.copyOf(files);
        dirs = Map.copyOf(dirs);
        links = Map.copyOf(links);
    }

    public static ConfigFiles none() {
        return new ConfigFiles(Map.of(), Map.of(), Map.of(), null);
    }

    public Optional<String> content(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public boolean exists(String path) {
        return files.containsKey(path) || links.containsKey(path);
    }

    public List<String> list(String dir) {
        return dirs.getOrDefault(dir, List.of());
    }

    /** This set of files with some replaced (a test, or a host after writes). */
    public ConfigFiles with(Map<String, String> changed) {
        Map<String, String> f = new TreeMap<>(files);
        Map<String, List<String>> d = new TreeMap<>(dirs);
        changed.forEach((path, content) -> {
            String dir = path.substring(0, path.lastIndexOf('/'));
            String name = path.substring(path.lastIndexOf('/') + 1);
            java.util.List<String> entries = new java.util.ArrayList<>(d.getOrDefault(dir, List.of()));
            if (content == null) {
                f.remove(path);
                entries.remove(name);
            } else {
                f.put(path, content);
                if (!entries.contains(name)) entries.add(name);
            }
            entries.sort(null);
            d.put(dir, entries);
        });
        return new ConfigFiles(f, d, links, cmdline);
    }

    public ConfigFiles withLinks(Map<String, String> more) {
        Map<String, String> l = new TreeMap<>(links);
        l.putAll(more);
        return new ConfigFiles(files, dirs, l, cmdline);
    }
}
