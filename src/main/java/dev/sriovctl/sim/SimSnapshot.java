package dev.sriovctl.sim;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;
import dev.sriovctl.observe.SysfsLayout;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records a host the way {@code sriovctl capture} records this machine (DESIGN section 3), but through
 * the {@link Host} seam, so a simulated host can be written out as a snapshot: exactly the sysfs and
 * procfs attributes discovery reads ({@link SysfsLayout}), the configuration files, and the canonical
 * commands of {@link CommandCatalog} that the host can answer. Links are kept as the same relative links.
 */
public final class SimSnapshot {

    private final Host host;
    private final SnapshotWriter out;
    private final Set<String> recordedDirs = new LinkedHashSet<>();

    private SimSnapshot(Host host, SnapshotWriter out) {
        this.host = host;
        this.out = out;
    }

    /** Writes {@code host} into the new directory {@code dir}, stamped {@code capturedAt} (ISO-8601). */
    public static void write(Host host, Path dir, String capturedAt) {
        new SimSnapshot(host, new SnapshotWriter(dir)).run(capturedAt);
    }

    private void run(String capturedAt) {
        for (String f : CommandCatalog.CAPTURED_FILES) copyFile(f);
        List<String> pfs = new ArrayList<>();
        List<String> pfNetdevs = new ArrayList<>();
        recordPci(pfs, pfNetdevs);
        recordNetdevs();
        recordIommuGroups();
        for (String pf : pfs) {
            for (String f : SysfsLayout.LAG_FILES) copyFile(SysfsLayout.MLX5_DEBUGFS + "/" + pf + "/lag/" + f);
        }
        for (String d : CommandCatalog.CAPTURED_CONFIG_DIRS) {
            // an empty directory is recorded too: "no rules" is not "not recorded"
            if (host.isDirectory(d)) out.directory(d);
            for (String n : host.list(d)) copyFile(d + "/" + n);
        }
        for (String f : CommandCatalog.CAPTURED_CONFIG_FILES) copyFile(f);
        for (String f : CommandCatalog.CAPTURED_LOG_FILES) copyFile(f);
        for (List<String> argv : CommandCatalog.hostCommands()) recordCommand(argv);
        for (String pf : pfs) for (List<String> argv : CommandCatalog.pfCommands(pf)) recordCommand(argv);
        for (String nd : pfNetdevs) for (List<String> argv : CommandCatalog.netdevCommands(nd)) recordCommand(argv);
        String kernel = host.read("/proc/sys/kernel/osrelease").map(String::strip).orElse(null);
        out.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, host.hostname().orElse(null), capturedAt, kernel));
    }

    private void recordPci(List<String> pfs, List<String> pfNetdevs) {
        out.directory(SysfsLayout.PCI_DEVICES);
        for (String bdf : host.list(SysfsLayout.PCI_DEVICES)) {
            String link = SysfsLayout.pciDevice(bdf);
            Optional<String> dir = copyLink(link);
            if (dir.isEmpty()) continue;
            String d = dir.get();
            String cls = host.read(d + "/class").map(String::strip).orElse("");
            copyFile(d + "/class");
            copyFile(d + "/vendor");
            copyFile(d + "/device");
            if (!cls.startsWith("0x02")) continue;
            for (String a : SysfsLayout.PCI_ATTRS) copyFile(d + "/" + a);
            for (String l : SysfsLayout.PCI_LINKS) copyLink(d + "/" + l);
            boolean vf = host.readLink(d + "/physfn").isPresent();
            boolean pf = !vf && (host.exists(d + "/sriov_totalvfs") || "0x15b3".equals(host.read(d + "/vendor").map(String::strip).orElse("")));
            for (String e : host.list(d)) if (e.matches("virtfn\\d+")) copyLink(d + "/" + e);
            for (String nd : host.list(d + "/net")) {
                recordNetdevDir(d + "/net/" + nd);
                if (pf) pfNetdevs.add(nd);
            }
            if (pf) pfs.add(bdf);
        }
    }

    private void recordNetdevs() {
        out.directory(SysfsLayout.CLASS_NET);
        for (String name : host.list(SysfsLayout.CLASS_NET)) copyLink(SysfsLayout.netdev(name)).ifPresent(this::recordNetdevDir);
    }

    private void recordNetdevDir(String dir) {
        if (!recordedDirs.add(dir)) return;
        out.directory(dir);
        for (String a : SysfsLayout.NETDEV_ATTRS) copyFile(dir + "/" + a);
        if (host.isDirectory(dir + "/bonding")) {
            for (String a : SysfsLayout.BONDING_ATTRS) copyFile(dir + "/bonding/" + a);
        }
    }

    private void recordIommuGroups() {
        if (!host.isDirectory(SysfsLayout.IOMMU_GROUPS)) return;
        out.directory(SysfsLayout.IOMMU_GROUPS);
        for (String g : host.list(SysfsLayout.IOMMU_GROUPS)) {
            String d = SysfsLayout.IOMMU_GROUPS + "/" + g + "/devices";
            out.directory(d);
            for (String dev : host.list(d)) copyLink(d + "/" + dev);
        }
    }

    private void recordCommand(List<String> argv) {
        Optional<CommandResult> r = host.run(argv);
        r.ifPresent(out::command);
    }

    private void copyFile(String path) {
        host.readBytes(path).ifPresent(b -> out.file(path, b));
    }

    /** Records a relative symlink; returns the path it points to (normalised), or empty when not a link. */
    private Optional<String> copyLink(String path) {
        Optional<String> target = host.readLink(path);
        if (target.isEmpty() || target.get().startsWith("/")) return Optional.empty();
        out.link(path, target.get());
        return Optional.of(normalise(path.substring(0, path.lastIndexOf('/')) + "/" + target.get()));
    }

    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(s);
            }
        }
        return "/" + String.join("/", parts);
    }
}
