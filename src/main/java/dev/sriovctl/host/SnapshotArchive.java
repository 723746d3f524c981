package dev.sriovctl.host;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A snapshot as one {@code .tar.gz}: packed by capture, unpacked (with every entry checked) to open it. */
public final class SnapshotArchive {
    private SnapshotArchive() {
    }

    /** Total bytes unpacked from one archive at most. */
    static final long MAX_TOTAL_BYTES = 1L << 30;

    /** Unpacks into a new temporary directory; refuses entries escaping it, absolute links, devices, huge files. */
    static Path extract(Path archive) {
        String label = archive.toString();
        Path dir;
        try {
            dir = Files.createTempDirectory("sriovctl-snapshot-");
        } catch (IOException e) {
            throw new HostException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        long total = 0;
        int count = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                SourceLocation where = SourceLocation.of(label + ": " + name);
                if (++count > SnapshotFormat.MAX_ENTRIES) {
                    throw new InputException(SourceLocation.of(label), "more than " + SnapshotFormat.MAX_ENTRIES + " entries");
                }
                Path target = safeTarget(dir, name, where);
                if (target == null) continue;
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    String link = e.getLinkName();
                    if (link.startsWith("/")) {
                        throw new InputException(where, "absolute symlink -> " + link,
                                "snapshots keep sysfs links relative, as the kernel makes them");
                    }
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(link));
                } else if (e.isFile()) {
                    if (e.getSize() > SnapshotFormat.MAX_FILE_BYTES) {
                        throw new InputException(where, "file is " + e.getSize() + " bytes, more than the "
                                + SnapshotFormat.MAX_FILE_BYTES + " a snapshot may hold");
                    }
                    total += e.getSize();
                    if (total > MAX_TOTAL_BYTES) {
                        throw new InputException(SourceLocation.of(label), "archive unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
                    }
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copyAtMost(tar, out, SnapshotFormat.MAX_FILE_BYTES, where);
                    }
                } else {
                    throw new InputException(where, "unsupported entry type (hard link, device or fifo)",
                            "a snapshot holds only directories, regular files and relative symlinks");
                }
            }
        } catch (InputException e) {
            deleteTree(dir);
            throw e;
        } catch (IOException e) {
            deleteTree(dir);
            throw new InputException(SourceLocation.of(label), "not a readable .tar.gz snapshot: " + e.getMessage(),
                    "give a directory or a .tar.gz made by 'sriovctl capture'");
        }
        return dir;
    }

    private static void copyAtMost(InputStream in, OutputStream out, long max, SourceLocation where) throws IOException {
        byte[] buf = new byte[65536];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > max) throw new InputException(where, "file is larger than the " + max + " bytes a snapshot may hold");
            out.write(buf, 0, r);
        }
    }

    private static Path safeTarget(Path dir, String name, SourceLocation where) {
        if (name.startsWith("/")) {
            throw new InputException(where, "absolute path in archive", "entries must be relative, e.g. fs/sys/...");
        }
        List<String> parts = new ArrayList<>();
        for (String s : name.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                throw new InputException(where, "path escapes the snapshot root", "entries must not contain '..'");
            }
            parts.add(s);
        }
        if (parts.isEmpty()) return null;
        Path p = dir;
        for (String s : parts) p = p.resolve(s);
        return p;
    }

    /** The folder holding snapshot.json: the archive root, or its single top-level directory. */
    static Path snapshotRoot(Path extracted, String label) {
        if (Files.isRegularFile(extracted.resolve(SnapshotFormat.META), LinkOption.NOFOLLOW_LINKS)) return extracted;
        try (Stream<Path> s = Files.list(extracted)) {
            List<Path> dirs = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
            if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve(SnapshotFormat.META), LinkOption.NOFOLLOW_LINKS)) {
                return dirs.get(0);
            }
        } catch (IOException ignored) {
            // fall through to the error below
        }
        throw new InputException(SourceLocation.of(label), "archive holds no snapshot.json",
                "give a .tar.gz made by 'sriovctl capture'");
    }

    /** Packs a snapshot directory into a .tar.gz (written atomically). */
    public static void pack(Path snapshotDir, Path archive) {
        Path tmp = archive.toAbsolutePath().resolveSibling("." + archive.getFileName() + ".sriovctl-tmp");
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                 GZIPOutputStream gz = new GZIPOutputStream(raw);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                List<Path> all = new ArrayList<>();
                Files.walkFileTree(snapshotDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        if (!d.equals(snapshotDir)) all.add(d);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        all.add(f);
                        return FileVisitResult.CONTINUE;
                    }
                });
                all.sort(Comparator.comparing(p -> snapshotDir.relativize(p).toString()));
                for (Path p : all) {
                    String name = snapshotDir.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        e.setLinkName(Files.readSymbolicLink(p).toString());
                        tar.putArchiveEntry(e);
                        tar.closeArchiveEntry();
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
                        tar.closeArchiveEntry();
                    } else {
                        TarArchiveEntry e = new TarArchiveEntry(name);
                        e.setSize(Files.size(p));
                        tar.putArchiveEntry(e);
                        Files.copy(p, tar);
                        tar.closeArchiveEntry();
                    }
                }
                tar.finish();
            }
            Files.move(tmp, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new HostException("cannot write " + archive + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory tree without following symlinks. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
