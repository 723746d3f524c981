package dev.sriovctl.observe;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotArchive;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Records this host into a snapshot (DESIGN section 3): exactly the sysfs/procfs attributes
 * {@link InventoryBuilder} reads ({@link SysfsLayout}), the configuration files sriovctl renders,
 * and the observation commands of {@link CommandCatalog}, with secrets redacted. Works on a
 * machine without any SR-IOV NIC. Symlinks are recorded as links and never followed while
 * walking, so sysfs cycles cannot trap it.
 */
public final class Capture {

    /** How much was recorded. */
    public record Result(int files, int commands) {
    }

    private final LocalHost host;
    private final SnapshotWriter out;
    private final Set<String> recordedDirs = new LinkedHashSet<>();
    private int files;
    private int commands;

    private Capture(LocalHost host, SnapshotWriter out) {
        this.host = host;
        this.out = out;
    }

    /** Records into {@code target}: a {@code .tar.gz} file, or a new (or empty) directory. */
    public static Result record(LocalHost host, Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        boolean archive = name.endsWith(".tar.gz") || name.endsWith(".tgz");
        if (archive) {
            Path parent = target.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new InputException(SourceLocation.of(target.toString()), "the folder to write into does not exist");
            }
            Path tmp;
            try {
                tmp = Files.createTempDirectory("sriovctl-capture-");
            } catch (IOException e) {
                throw new HostException("cannot create a temporary directory: " + e.getMessage(), e);
            }
            try {
                Result r = new Capture(host, new SnapshotWriter(tmp)).run();
                SnapshotArchive.pack(tmp, target);
                return r;
            } finally {
                SnapshotArchive.deleteTree(tmp);
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            boolean empty;
            try (Stream<Path> s = Files.list(target)) {
                empty = s.findAny().isEmpty();
            } catch (IOException e) {
                empty = false;
            }
            if (!empty) {
                throw new InputException(SourceLocation.of(target.toString()), "exists and is not an empty directory",
                        "give a new directory or a FILE.tar.gz");
            }
        }
        return new Capture(host, new SnapshotWriter(target)).run();
    }

    private Result run() {
        for (String f : CommandCatalog.CAPTURED_FILES) copyFile(f);
        List<String> pfs = new ArrayList<>();
        List<String> pfNetdevs = new ArrayList<>();
        recordPci(pfs, pfNetdevs);
        recordNetdevs();
        recordIommuGroups();
        for (String pf : pfs) recordLag(pf);
        for (String dir : CommandCatalog.CAPTURED_CONFIG_DIRS) {
            // an empty directory is recorded too: "no rules" is not "not recorded"
            if (host.isDirectory(dir)) out.directory(dir);
            for (String n : host.list(dir)) copyFile(dir + "/" + n);
        }
        for (String f : CommandCatalog.CAPTURED_CONFIG_FILES) copyFile(f);
        for (String f : CommandCatalog.CAPTURED_LOG_FILES) copyFile(f);
        files += recordVmConfigs(host, out);
        recordOvsPackageFiles();

        for (List<String> argv : CommandCatalog.hostCommands()) recordCommand(argv);
        for (String pf : pfs) for (List<String> argv : CommandCatalog.pfCommands(pf)) recordCommand(argv);
        for (String nd : pfNetdevs) for (List<String> argv : CommandCatalog.netdevCommands(nd)) recordCommand(argv);

        String hostname = host.hostname().orElse(null);
        String kernel = host.read("/proc/sys/kernel/osrelease").map(String::strip).orElse(null);
        out.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), kernel));
        return new Result(files, commands);
    }

    private void recordPci(List<String> pfs, List<String> pfNetdevs) {
        out.directory(SysfsLayout.PCI_DEVICES);
        for (String bdf : host.list(SysfsLayout.PCI_DEVICES)) {
            String link = SysfsLayout.pciDevice(bdf);
            if (!copyLink(link)) continue;
            Optional<String> real = realPath(link);
            if (real.isEmpty()) continue;
            String dir = real.get();
            String cls = host.read(dir + "/class").map(String::strip).orElse("");
            copyFile(dir + "/class");
            copyFile(dir + "/vendor");
            copyFile(dir + "/device");
            if (!cls.startsWith("0x02")) continue; // only network functions are recorded in full
            for (String a : SysfsLayout.PCI_ATTRS) copyFile(dir + "/" + a);
            for (String l : SysfsLayout.PCI_LINKS) copyLink(dir + "/" + l);
            boolean pf = host.exists(dir + "/sriov_totalvfs") || "0x15b3".equals(host.read(dir + "/vendor").map(String::strip).orElse(""));
            boolean vf = host.readLink(dir + "/physfn").isPresent();
            for (String e : host.list(dir)) if (e.matches("virtfn\\d+")) copyLink(dir + "/" + e);
            for (String nd : host.list(dir + "/net")) {
                recordNetdevDir(dir + "/net/" + nd);
                if (pf && !vf) pfNetdevs.add(nd);
            }
            if (pf && !vf) pfs.add(bdf);
        }
    }

    private void recordNetdevs() {
        out.directory(SysfsLayout.CLASS_NET);
        for (String name : host.list(SysfsLayout.CLASS_NET)) {
            String link = SysfsLayout.netdev(name);
            if (!copyLink(link)) continue;
            realPath(link).ifPresent(this::recordNetdevDir);
        }
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

    private void recordLag(String pf) {
        String dir = SysfsLayout.MLX5_DEBUGFS + "/" + pf + "/lag";
        for (String f : SysfsLayout.LAG_FILES) copyFile(dir + "/" + f);
    }

    /**
     * Every node's VM configurations from pmxcfs ({@code /etc/pve/nodes/<node>/qemu-server/<vmid>.conf}), redacted,
     * and each node's qemu-server directory even when empty, so a snapshot of a Proxmox VE node without VMs still
     * shows it is one. Reads only through {@link Host}, so a test can record from any host.
     *
     * @return the number of files recorded
     */
    static int recordVmConfigs(Host host, SnapshotWriter out) {
        int n = 0;
        for (String node : host.list(CommandCatalog.PVE_NODES)) {
            String dir = CommandCatalog.pveVmConfigDir(node);
            if (!host.isDirectory(dir)) continue;
            out.directory(dir);
            for (String name : host.list(dir)) {
                if (!name.endsWith(".conf")) continue;
                Optional<byte[]> data = host.readBytes(dir + "/" + name);
                if (data.isEmpty() || data.get().length > SnapshotFormat.MAX_FILE_BYTES) continue;
                out.file(dir + "/" + name, Redactor.redact(new String(data.get(), java.nio.charset.StandardCharsets.UTF_8)));
                n++;
            }
        }
        return n;
    }

    /** The Open vSwitch packages' md5sums and the packaged files people patch (doctor: ovs-ctl-unpatched). */
    private void recordOvsPackageFiles() {
        for (String name : host.list(CommandCatalog.DPKG_INFO)) {
            if (!CommandCatalog.isOvsPackageSums(name)) continue;
            String sums = CommandCatalog.DPKG_INFO + "/" + name;
            copyVerbatim(sums);
            Optional<String> text = host.read(sums);
            if (text.isEmpty()) continue;
            List<PackageFile> files;
            try {
                files = DpkgMd5sumsParser.parse(text.get());
            } catch (ParseException e) {
                continue; // recorded as it is; doctor reports what it cannot read
            }
            for (PackageFile f : files) {
                if (CommandCatalog.OVS_PACKAGE_FILE_PREFIXES.stream().anyMatch(f.path()::startsWith)) copyVerbatim(f.path());
            }
        }
    }

    private void recordCommand(List<String> argv) {
        Optional<CommandResult> r;
        try {
            r = host.run(argv, java.time.Duration.ofSeconds(20));
        } catch (HostException e) {
            return; // a hung tool is left out: "not known" when the snapshot is read
        }
        if (r.isEmpty()) return;
        CommandResult c = r.get();
        out.command(new CommandResult(c.argv(), c.exitCode(), Redactor.redact(c.stdout()), Redactor.redact(c.stderr())));
        commands++;
    }

    private void copyFile(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) return;
        Optional<byte[]> data = host.readBytes(path);
        if (data.isEmpty()) return;
        if (data.get().length > SnapshotFormat.MAX_FILE_BYTES) return;
        out.file(path, Redactor.redact(new String(data.get(), java.nio.charset.StandardCharsets.UTF_8)));
        files++;
    }

    /**
     * A packaged file byte for byte: redacting it would change its MD5 and make doctor report an edit that
     * is not there (ovs-ctl has a "--private-key=..." line). Packaged files hold no secrets of this host.
     */
    private void copyVerbatim(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) return;
        Optional<byte[]> data = host.readBytes(path);
        if (data.isEmpty() || data.get().length > SnapshotFormat.MAX_FILE_BYTES) return;
        out.file(path, data.get());
        files++;
    }

    /** Records a symlink as it is; false when it is not a link. Absolute targets are not portable and are left out. */
    private boolean copyLink(String path) {
        Optional<String> target = host.readLink(path);
        if (target.isEmpty() || target.get().startsWith("/")) return false;
        out.link(path, target.get());
        return true;
    }

    private static Optional<String> realPath(String path) {
        try {
            return Optional.of(Path.of(path).toRealPath().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
