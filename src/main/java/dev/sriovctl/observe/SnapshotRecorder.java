package dev.sriovctl.observe;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.SnapshotWriter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a snapshot records of a host (DESIGN section 3), walked the same way for {@code sriovctl capture}
 * ({@link Capture}, this machine) and for a simulated host written out ({@code sim.SimSnapshot}): the
 * files of {@link CommandCatalog}, exactly the sysfs attributes and links discovery reads
 * ({@link SysfsLayout}), the mlx5 LAG state of each PF, then the observation commands. Links are recorded
 * as links and never followed while walking, so sysfs cycles cannot trap it. How a file, a link and a
 * command are copied is the caller's {@link Copy} (capture redacts and bounds them; the simulator does not).
 */
public final class SnapshotRecorder {

    /** How one kind of host is copied into the snapshot. */
    public interface Copy {
        /** Records a file when it is there. */
        void file(String path);

        /** Records a relative symlink; the absolute path of the directory it points to, or empty when it is not such a link. */
        Optional<String> link(String path);

        /** Runs a command and records its result when the host answers. */
        void command(List<String> argv);
    }

    /** The SR-IOV physical functions found while recording, by PCI address and by netdev. */
    public record Found(List<String> pfs, List<String> pfNetdevs) {
    }

    private final Host host;
    private final SnapshotWriter out;
    private final Copy copy;
    private final Set<String> recordedDirs = new LinkedHashSet<>();

    public SnapshotRecorder(Host host, SnapshotWriter out, Copy copy) {
        this.host = host;
        this.out = out;
        this.copy = copy;
    }

    /** Records every file and link the snapshot holds of sysfs, procfs and the configuration. */
    public Found files() {
        for (String f : CommandCatalog.CAPTURED_FILES) copy.file(f);
        Found found = new Found(new ArrayList<>(), new ArrayList<>());
        recordPci(found);
        recordNetdevs();
        recordIommuGroups();
        for (String pf : found.pfs()) {
            for (String f : SysfsLayout.LAG_FILES) copy.file(SysfsLayout.MLX5_DEBUGFS + "/" + pf + "/lag/" + f);
        }
        for (String d : CommandCatalog.CAPTURED_CONFIG_DIRS) {
            // an empty directory is recorded too: "no rules" is not "not recorded"
            if (host.isDirectory(d)) out.directory(d);
            for (String n : host.list(d)) copy.file(d + "/" + n);
        }
        for (String f : CommandCatalog.CAPTURED_CONFIG_FILES) copy.file(f);
        for (String f : CommandCatalog.CAPTURED_LOG_FILES) copy.file(f);
        return found;
    }

    /** Runs the observation commands: the host's, then each PF's, then each PF netdev's. */
    public void commands(Found found) {
        for (List<String> argv : CommandCatalog.hostCommands()) copy.command(argv);
        for (String pf : found.pfs()) for (List<String> argv : CommandCatalog.pfCommands(pf)) copy.command(argv);
        for (String nd : found.pfNetdevs()) for (List<String> argv : CommandCatalog.netdevCommands(nd)) copy.command(argv);
    }

    private void recordPci(Found found) {
        out.directory(SysfsLayout.PCI_DEVICES);
        for (String bdf : host.list(SysfsLayout.PCI_DEVICES)) {
            Optional<String> dir = copy.link(SysfsLayout.pciDevice(bdf));
            if (dir.isEmpty()) continue;
            String d = dir.get();
            String cls = host.read(d + "/class").map(String::strip).orElse("");
            copy.file(d + "/class");
            copy.file(d + "/vendor");
            copy.file(d + "/device");
            if (!cls.startsWith("0x02")) continue; // only network functions are recorded in full
            for (String a : SysfsLayout.PCI_ATTRS) copy.file(d + "/" + a);
            for (String l : SysfsLayout.PCI_LINKS) copy.link(d + "/" + l);
            boolean vf = host.readLink(d + "/physfn").isPresent();
            boolean pf = !vf && (host.exists(d + "/sriov_totalvfs") || "0x15b3".equals(host.read(d + "/vendor").map(String::strip).orElse("")));
            for (String e : host.list(d)) if (e.matches("virtfn\\d+")) copy.link(d + "/" + e);
            for (String nd : host.list(d + "/net")) {
                recordNetdevDir(d + "/net/" + nd);
                if (pf) found.pfNetdevs().add(nd);
            }
            if (pf) found.pfs().add(bdf);
        }
    }

    private void recordNetdevs() {
        out.directory(SysfsLayout.CLASS_NET);
        for (String name : host.list(SysfsLayout.CLASS_NET)) copy.link(SysfsLayout.netdev(name)).ifPresent(this::recordNetdevDir);
    }

    private void recordNetdevDir(String dir) {
        if (!recordedDirs.add(dir)) return;
        out.directory(dir);
        for (String a : SysfsLayout.NETDEV_ATTRS) copy.file(dir + "/" + a);
        if (host.isDirectory(dir + "/bonding")) {
            for (String a : SysfsLayout.BONDING_ATTRS) copy.file(dir + "/bonding/" + a);
        }
    }

    private void recordIommuGroups() {
        if (!host.isDirectory(SysfsLayout.IOMMU_GROUPS)) return;
        out.directory(SysfsLayout.IOMMU_GROUPS);
        for (String g : host.list(SysfsLayout.IOMMU_GROUPS)) {
            String d = SysfsLayout.IOMMU_GROUPS + "/" + g + "/devices";
            out.directory(d);
            for (String dev : host.list(d)) copy.link(d + "/" + dev);
        }
    }
}
