package dev.sriovctl.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a snapshot directory (DESIGN section 3): files and relative symlinks under fs/ at their
 * host path, and command results under commands/. Used by {@code capture} and by the generators
 * of example and simulated hosts.
 */
public final class SnapshotWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final List<SnapshotFormat.CommandEntry> index = new ArrayList<>();

    public SnapshotWriter(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve(SnapshotFormat.FS));
            Files.createDirectories(dir.resolve(SnapshotFormat.COMMANDS));
        } catch (IOException e) {
            throw new HostException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Where a host path lives inside the snapshot. */
    public Path fsPath(String hostPath) {
        if (!hostPath.startsWith("/")) throw new IllegalArgumentException("host path must be absolute: " + hostPath);
        Path p = dir.resolve(SnapshotFormat.FS);
        for (String s : hostPath.substring(1).split("/")) {
            if (s.isEmpty()) continue;
            if (s.equals("..") || s.equals(".")) throw new IllegalArgumentException("host path must be normalised: " + hostPath);
            p = p.resolve(s);
        }
        return p;
    }

    public void file(String hostPath, String content) {
        file(hostPath, content.getBytes(StandardCharsets.UTF_8));
    }

    public void file(String hostPath, byte[] content) {
        Path p = fsPath(hostPath);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new HostException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    public void directory(String hostPath) {
        try {
            Files.createDirectories(fsPath(hostPath));
        } catch (IOException e) {
            throw new HostException("cannot create " + hostPath + ": " + e.getMessage(), e);
        }
    }

    /** A relative symlink, as sysfs has them (an absolute target is refused: snapshots would not be portable). */
    public void link(String hostPath, String relativeTarget) {
        if (relativeTarget.startsWith("/")) throw new IllegalArgumentException("symlink target must be relative: " + relativeTarget);
        Path p = fsPath(hostPath);
        try {
            Files.createDirectories(p.getParent());
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) Files.delete(p);
            Files.createSymbolicLink(p, Path.of(relativeTarget));
        } catch (IOException e) {
            throw new HostException("cannot link " + p + ": " + e.getMessage(), e);
        }
    }

    /** Records one command result; outputs are kept byte for byte. */
    public void command(CommandResult result) {
        String base = String.format("%04d", index.size() + 1);
        String out = base + ".out";
        String err = base + ".err";
        try {
            Files.writeString(dir.resolve(SnapshotFormat.COMMANDS).resolve(out), result.stdout(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SnapshotFormat.COMMANDS).resolve(err), result.stderr(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostException("cannot write command output: " + e.getMessage(), e);
        }
        index.add(new SnapshotFormat.CommandEntry(result.argv(), result.exitCode(), out, err));
    }

    /** Writes snapshot.json and commands/index.json. */
    public void finish(SnapshotFormat.Meta meta) {
        try {
            JSON.writeValue(dir.resolve(SnapshotFormat.META).toFile(), meta);
            JSON.writeValue(dir.resolve(SnapshotFormat.INDEX).toFile(), index);
        } catch (IOException e) {
            throw new HostException("cannot write snapshot metadata: " + e.getMessage(), e);
        }
    }
}
