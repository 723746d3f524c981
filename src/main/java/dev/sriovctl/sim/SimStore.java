package dev.sriovctl.sim;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.HostException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a simulated host beside its snapshot layout: {@code sim/state.json} (the model),
 * {@code sim/kmsg} and {@code sim/journal} (append-only logs), {@code sim/mirror-state.json} (the model
 * the on-disk {@code fs/} mirror shows) and {@code sim/lock}, held while a process uses the host.
 */
final class SimStore {

    static final String SIM = "sim";
    static final String STATE = "sim/state.json";
    static final String KMSG = "sim/kmsg";
    static final String JOURNAL = "sim/journal";
    static final String MIRROR = "sim/mirror-state.json";
    static final String LOCK = "sim/lock";
    /** How long a second process waits for the lock before giving up. */
    static final long LOCK_WAIT_MILLIS = 10_000;

    static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    SimStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path file(String rel) {
        return dir.resolve(rel);
    }

    static boolean isSim(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    void lock() {
        try {
            Files.createDirectories(file(SIM));
            lockChannel = FileChannel.open(file(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
            while (true) {
                try {
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) return;
                if (System.currentTimeMillis() > deadline) {
                    lockChannel.close();
                    throw new HostException("simulated host " + dir + " is in use by another sriovctl process (" + LOCK
                            + " is locked); try again when it has finished");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new HostException("cannot lock " + file(LOCK) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting for " + file(LOCK), e);
        }
    }

    void unlock() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
        lock = null;
        lockChannel = null;
    }

    String readStateText() {
        try {
            return Files.readString(file(STATE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(file(STATE).toString()), "cannot read: " + e.getMessage(),
                    "a simulated host directory is made by 'sriovctl sim create'");
        }
    }

    static SimState parse(String text, String where) {
        try {
            SimState s = JSON.readValue(text, SimState.class);
            if (s == null || s.format != 1) throw new InputException(SourceLocation.of(where), "not a simulated host state (format 1)");
            return s;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InputException(new SourceLocation(where, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr()),
                    "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    static String text(SimState s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the simulated host: " + e.getOriginalMessage(), e);
        }
    }

    /** Appends new log lines, then replaces the state atomically (the logs only grow). */
    void save(String stateText, List<String> kmsg, List<String> journal) {
        append(KMSG, kmsg);
        append(JOURNAL, journal);
        replace(file(STATE), stateText.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces a file atomically (temporary file, rename) without fsync: a killed process never
     * leaves half a file, and only a power loss of the machine running the simulator could lose a write.
     */
    static void replace(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HostException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void append(String rel, List<String> lines) {
        if (lines.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        try {
            Files.writeString(file(rel), sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new HostException("cannot append to " + file(rel) + ": " + e.getMessage(), e);
        }
    }

    List<String> readLines(String rel) {
        Path p = file(rel);
        if (!Files.exists(p)) return new ArrayList<>();
        try {
            return new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    String readMirrorText() {
        Path p = file(MIRROR);
        if (!Files.exists(p)) return null;
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    void writeMirrorText(String text) {
        replace(file(MIRROR), text.getBytes(StandardCharsets.UTF_8));
    }
}
