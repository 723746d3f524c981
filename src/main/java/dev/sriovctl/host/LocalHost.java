package dev.sriovctl.host;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** This machine. Commands run with {@code LC_ALL=C} so their output has the documented format. */
public final class LocalHost implements Host {

    /** Largest file read (sysfs attributes are tiny; logs are bounded by capture). */
    static final long MAX_READ = 64L << 20;

    @Override
    public String description() {
        return "this machine";
    }

    @Override
    public Optional<String> hostname() {
        return read("/proc/sys/kernel/hostname").map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        // FileInputStream: for hundreds of sysfs attributes, lighter to start than Files' channels
        try (InputStream in = new FileInputStream(path)) {
            byte[] data = in.readNBytes((int) Math.min(MAX_READ, Integer.MAX_VALUE - 16));
            return Optional.of(data);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String dir) {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> readLink(String path) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of(path)).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    @Override
    public void writeAttribute(String path, String value) {
        // sysfs handlers see one write() of the whole value; like echo, end it with a newline.
        byte[] data = (value.endsWith("\n") ? value : value + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
        } catch (IOException e) {
            throw new HostException("write error: " + path + ": " + errnoText(e), List.of("write", path, value), 1, errnoText(e), e);
        }
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        AtomicFiles.write(Path.of(path), content, mode);
    }

    @Override
    public void deleteFile(String path) {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new HostException("cannot remove " + path + ": " + errnoText(e), e);
        }
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            // "No such file or directory": the command is not installed here, which means "not known".
            return Optional.empty();
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HostException("command timed out after " + timeout.toSeconds() + " s: " + String.join(" ", argv),
                        argv, -1, "", null);
            }
            return Optional.of(new CommandResult(argv, process.exitValue(),
                    new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The kernel's words for a failed write, e.g. "Device or resource busy". */
    static String errnoText(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Atomic file replacement: temp file beside the target, fsync, rename, fsync the directory. */
    public static final class AtomicFiles {
        private AtomicFiles() {
        }

        public static void write(Path target, byte[] content, int mode) {
            try {
                Path dir = target.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + target.getFileName() + ".sriovctl-tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(content);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                try {
                    Files.setPosixFilePermissions(tmp, permissions(mode));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: keep the default mode
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                fsyncDirectory(dir);
            } catch (IOException e) {
                throw new HostException("cannot write " + target + ": " + errnoText(e), e);
            }
        }

        static void fsyncDirectory(Path dir) {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException ignored) {
                // some file systems refuse to open a directory for fsync; the rename is still atomic
            }
        }

        public static Set<PosixFilePermission> permissions(int mode) {
            StringBuilder sb = new StringBuilder();
            String rwx = "rwxrwxrwx";
            for (int i = 0; i < 9; i++) sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
            return PosixFilePermissions.fromString(sb.toString());
        }
    }
}
