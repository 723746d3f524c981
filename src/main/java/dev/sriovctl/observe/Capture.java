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
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records this host into a snapshot (DESIGN section 3): what {@link SnapshotRecorder} walks (exactly the
 * sysfs/procfs attributes {@link InventoryBuilder} reads, the configuration files sriovctl renders, the
 * observation commands of {@link CommandCatalog}), plus the VM configurations and the Open vSwitch
 * package files; secrets redacted, files bounded in size, hung commands left out. Works on a machine
 * without any SR-IOV NIC.
 */
public final class Capture {

    /** How much was recorded. */
    public record Result(int files, int commands) {
    }

    private final LocalHost host;
    private final SnapshotWriter out;
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
        SnapshotRecorder recorder = new SnapshotRecorder(host, out, new SnapshotRecorder.Copy() {
            @Override
            public void file(String path) {
                copyFile(path);
            }

            @Override
            public Optional<String> link(String path) {
                return copyLink(path) ? realPath(path) : Optional.empty();
            }

            @Override
            public void command(List<String> argv) {
                recordCommand(argv);
            }
        });
        SnapshotRecorder.Found found = recorder.files();
        files += recordVmConfigs(host, out);
        recordOvsPackageFiles();
        recorder.commands(found);

        String hostname = host.hostname().orElse(null);
        String kernel = host.read("/proc/sys/kernel/osrelease").map(String::strip).orElse(null);
        out.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), kernel));
        return new Result(files, commands);
    }

    /**
     * Every node's VM configurations from pmxcfs ({@code /etc/pve/nodes/<node>/qemu-server/<vmid>.conf}), redacted,
     * and each node's qemu-server directory even when empty, so a snapshot of a Proxmox VE node without VMs still
     * shows it is one. Reads only through {@link Host}, so a test can record from any host.
     *
     * @return the number of files recorded
     */
    public static int recordVmConfigs(Host host, SnapshotWriter out) {
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
