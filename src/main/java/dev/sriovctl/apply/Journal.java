package dev.sriovctl.apply;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The apply journal under {@value #DIR}, read and written only through the {@link Host} (so a
 * simulated host or the lab maps it): the current run's record ({@value #FILE}, replaced
 * atomically: temporary file, fsync, rename) and the backups of the files a run replaces
 * ({@code backup/<run>/<path>}). Nothing here decides anything.
 */
public final class Journal {

    public static final String DIR = "/var/lib/sriovctl";
    public static final String FILE = DIR + "/journal.json";
    public static final String BACKUP_DIR = DIR + "/backup";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Host host;
    private final Clock clock;

    public Journal(Host host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    public Journal(Host host) {
        this(host, Clock.systemUTC());
    }

    public Host host() {
        return host;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The last run recorded, if any. An unreadable journal is a host error: nobody can tell what state the host is in. */
    public Optional<JournalRecord> read() {
        Optional<byte[]> bytes = host.readBytes(FILE);
        if (bytes.isEmpty()) return Optional.empty();
        try {
            JournalRecord r = JSON.readValue(bytes.get(), JournalRecord.class);
            if (!JournalRecord.FORMAT.equals(r.format())) throw new IOException("unknown format " + r.format());
            return Optional.of(r);
        } catch (IOException e) {
            throw new HostException("the apply journal " + FILE + " on " + host.description() + " cannot be read (" + e.getMessage()
                    + "); check the host with 'sriovctl doctor', then move the journal away");
        }
    }

    /**
     * Whether the journal holds a run that did not end, read from its {@code state} alone: every apply
     * asks this first, and a full read of the last run (every step as data, with its probes and
     * actions) costs a fresh JVM about a quarter of a second of class loading, measured by
     * bench/apply-idempotent, for the usual answer "no". Malformed or foreign journals fail as in {@link #read()}.
     */
    public boolean hasUnfinishedRun() {
        Optional<byte[]> bytes = host.readBytes(FILE);
        if (bytes.isEmpty()) return false;
        try {
            com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(bytes.get());
            if (root == null || !JournalRecord.FORMAT.equals(root.path("format").asText(null))) {
                throw new IOException("unknown format " + (root == null ? null : root.path("format").asText(null)));
            }
            RunState state = JSON.treeToValue(root.path("state"), RunState.class);
            if (state == null) throw new IOException("no state");
            return !state.isFinal();
        } catch (IOException e) {
            throw new HostException("the apply journal " + FILE + " on " + host.description() + " cannot be read (" + e.getMessage()
                    + "); check the host with 'sriovctl doctor', then move the journal away");
        }
    }

    /** Replaces the record atomically and returns it as written (with its update time). */
    public JournalRecord write(JournalRecord r) {
        JournalRecord stamped = r.withUpdatedAt(now().toString());
        try {
            host.writeFile(FILE, JSON.writeValueAsBytes(stamped), 0600);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the journal: " + e.getMessage(), e);
        }
        return stamped;
    }

    /** Keeps a copy of a file a run replaces; returns where. */
    public String backup(String runId, String path, byte[] content) {
        String at = BACKUP_DIR + "/" + runId + path;
        host.writeFile(at, content, 0600);
        return at;
    }

    /** How many runs' backups are kept: the journal holds only the last run, older backups are for people. */
    public static final int KEPT_BACKUP_RUNS = 10;

    /**
     * Removes the backups of all but the newest {@code keep} runs (run ids sort by time), so that
     * {@value #BACKUP_DIR} does not grow with every apply. Called before a run makes its own, so with the
     * new run there are at most {@code keep + 1}; the last run's backups, which a rollback reads, are
     * always among the kept.
     */
    public void pruneBackups(int keep) {
        List<String> runs = new ArrayList<>(host.list(BACKUP_DIR));
        Collections.sort(runs);
        for (String run : runs.subList(0, Math.max(0, runs.size() - keep))) removeTree(BACKUP_DIR + "/" + run);
    }

    private void removeTree(String path) {
        if (host.isDirectory(path)) {
            for (String name : host.list(path)) removeTree(path + "/" + name);
        }
        host.deleteFile(path);
    }

    /** A run id that sorts by time: {@code 20260101T120000.123Z}. */
    public String newRunId() {
        return now().toString().replace("-", "").replace(":", "");
    }

    static ObjectMapper json() {
        return JSON;
    }
}
