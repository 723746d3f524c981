package dev.sriovctl.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The only seam between sriovctl and a machine: read, list and write files by absolute path,
 * and run commands as argv lists (never a shell string).
 *
 * <p>Implementations: {@link LocalHost} (this machine), {@link SnapshotHost} (a captured host,
 * read-only) and {@code sim.SimHost} (a simulated ConnectX + Open vSwitch host, mutable).
 * Paths are absolute host paths such as {@code /sys/bus/pci/devices}; symlinks are followed
 * the way the kernel would, but never outside the host's root.
 */
public interface Host {

    /** How a person names this host in messages: "this machine", "snapshot DIR", "simulated host DIR". */
    String description();

    /** The host's name (as {@code hostname} prints it), or empty when unknown. */
    Optional<String> hostname();

    /** Whether writes and state-changing commands are allowed. */
    boolean mutable();

    /** The bytes of a file, or empty when it does not exist or cannot be read (like sysfs EOPNOTSUPP). */
    Optional<byte[]> readBytes(String path);

    /** A text file, decoded as UTF-8, or empty when it does not exist or cannot be read. */
    default Optional<String> read(String path) {
        return readBytes(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The entry names of a directory, sorted; empty when it does not exist. */
    List<String> list(String dir);

    /** The target of a symlink exactly as stored (e.g. {@code ../0000:81:00.2}), or empty if not a symlink. */
    Optional<String> readLink(String path);

    /** Whether the path exists (following symlinks). */
    boolean exists(String path);

    /** Whether the path is a directory (following symlinks). */
    boolean isDirectory(String path);

    /**
     * Writes a value to a kernel attribute the way {@code echo value > path} does (sysfs, procfs,
     * debugfs). A refusal throws {@link HostException} carrying the errno message.
     */
    void writeAttribute(String path, String value);

    /**
     * Writes a regular file atomically (temporary file, fsync, rename), creating parent
     * directories. {@code mode} is the octal permission, e.g. {@code 0644}.
     */
    void writeFile(String path, byte[] content, int mode);

    /** Removes a regular file or an empty directory; absent is not an error. */
    void deleteFile(String path);

    /**
     * Runs a command given as argv. Returns empty when the command is not available here
     * (not installed, or not recorded in a snapshot): callers treat that as "not known".
     * A timeout throws {@link HostException}.
     */
    Optional<CommandResult> run(List<String> argv, Duration timeout);

    /** Runs a command with the default timeout (30 s). */
    default Optional<CommandResult> run(List<String> argv) {
        return run(argv, Duration.ofSeconds(30));
    }

    /** Where a command's output comes from, for evidence and warnings (a snapshot names its file). */
    default String originOf(List<String> argv) {
        return String.join(" ", argv);
    }

    /** Where a file's content comes from, for evidence and warnings (a snapshot names its copy). */
    default String originOfFile(String path) {
        return path;
    }

    /** Waits; a simulated host advances its own clock instead of sleeping. */
    default void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting", e);
        }
    }
}
