package dev.sriovctl.observe;

import dev.sriovctl.host.Host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration files a plan needs from a host: ifupdown2's interfaces files, udev
 * rules, sriovctl's units and spec copy, the systemd "wants" links of its units, and
 * /proc/cmdline, /proc/mounts (is debugfs mounted, for the VF-LAG wait). Only through {@link Host}, only these paths.
 */
public final class ConfigFilesReader {
    private ConfigFilesReader() {
    }

    public static final String INTERFACES = "/etc/network/interfaces";
    public static final String INTERFACES_D = "/etc/network/interfaces.d";
    public static final String UDEV_RULES_D = "/etc/udev/rules.d";
    public static final String SYSTEMD_DIR = "/etc/systemd/system";
    public static final String SRIOVCTL_DIR = "/etc/sriovctl";
    public static final String CMDLINE = "/proc/cmdline";
    public static final String MOUNTS = "/proc/mounts";
    /** Files larger than this are not configuration files sriovctl reads. */
    static final int MAX_BYTES = 4 << 20;

    public static ConfigFiles read(Host host) {
        Map<String, String> files = new HashMap<>();
        Map<String, List<String>> dirs = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        file(host, INTERFACES, files);
        for (String dir : List.of(INTERFACES_D, UDEV_RULES_D, SRIOVCTL_DIR)) {
            List<String> entries = host.list(dir);
            dirs.put(dir, entries);
            for (String e : entries) file(host, dir + "/" + e, files);
        }
        List<String> units = host.list(SYSTEMD_DIR).stream().filter(n -> n.startsWith("sriovctl")).toList();
        dirs.put(SYSTEMD_DIR, units);
        for (String u : units) file(host, SYSTEMD_DIR + "/" + u, files);
        String wants = SYSTEMD_DIR + "/multi-user.target.wants";
        for (String e : host.list(wants)) {
            if (!e.startsWith("sriovctl")) continue;
            host.readLink(wants + "/" + e).ifPresent(t -> links.put(wants + "/" + e, t));
        }
        host.read(MOUNTS).ifPresent(m -> files.put(MOUNTS, m));
        String cmdline = host.read(CMDLINE).map(String::strip).orElse(null);
        return new ConfigFiles(files, dirs, links, cmdline);
    }

    private static void file(Host host, String path, Map<String, String> into) {
        if (host.isDirectory(path)) return;
        host.readBytes(path).filter(b -> b.length <= MAX_BYTES)
                .ifPresent(b -> into.put(path, new String(b, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
