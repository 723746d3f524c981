package dev.sriovctl.host;

import java.util.List;

/**
 * The snapshot layout of DESIGN section 3 (documented in docs/snapshot.md):
 * {@code snapshot.json}, {@code fs/} (files at their absolute host path, sysfs symlinks kept as
 * relative symlinks) and {@code commands/index.json} with the raw outputs beside it.
 */
public final class SnapshotFormat {
    private SnapshotFormat() {
    }

    public static final String FORMAT = "sriovctl-snapshot/1";
    public static final String META = "snapshot.json";
    public static final String FS = "fs";
    public static final String COMMANDS = "commands";
    public static final String INDEX = "commands/index.json";

    /** Largest single file accepted in a snapshot; real sysfs attributes and logs are far smaller. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** Most entries accepted (a host with 8 PFs x 127 VFs has about 60 000 sysfs entries). */
    public static final int MAX_ENTRIES = 2_000_000;
    /** Symlinks followed while resolving one path, as the kernel's MAXSYMLINKS. */
    public static final int MAX_LINK_HOPS = 40;

    /** {@code snapshot.json}. */
    public record Meta(String format, String hostname, String capturedAt, String kernel) {
    }

    /** One line of {@code commands/index.json}. */
    public record CommandEntry(List<String> argv, int exit, String stdout, String stderr) {
    }
}
