package dev.sriovctl.metrics;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.HostException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the file node_exporter's textfile collector reads, on this machine, whatever host was observed:
 * the collector runs here, while the observed host may be a snapshot (read-only) or a simulated host (whose
 * writes land in its own tree). Hence not through {@code Host.writeFile}.
 *
 * <p>Atomic the way the collector's documentation asks: the text goes to {@code sriovctl.prom.<pid>} in the
 * same directory (the collector reads only names ending in {@code .prom}), is synced, then renamed over
 * {@code sriovctl.prom}; a scrape sees the old file or the new one, never half of one. The pid keeps two
 * runs at once (the timer and a person) from writing into the same temporary file.
 */
public final class Textfile {
    private Textfile() {
    }

    public static final String FILE_NAME = "sriovctl.prom";

    /** DIR/sriovctl.prom, or FILE itself when it names a {@code .prom} file; the directory must exist. */
    public static Path target(Path dirOrFile) {
        Path target = Files.isDirectory(dirOrFile) || !dirOrFile.getFileName().toString().endsWith(".prom")
                ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new InputException(SourceLocation.of("--textfile " + dirOrFile), "no such directory: " + dir,
                    "give node_exporter's textfile directory (--collector.textfile.directory; with Debian's prometheus-node-exporter: "
                            + "/var/lib/prometheus/node-exporter), or a FILE.prom in an existing directory");
        }
        return target;
    }

    /** Writes the text atomically, mode 0644 (node_exporter runs as its own user); returns the file written. */
    public static Path write(Path dirOrFile, String text) {
        Path target = target(dirOrFile);
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the default mode stays
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; that error is the one to report
            }
            throw new HostException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
