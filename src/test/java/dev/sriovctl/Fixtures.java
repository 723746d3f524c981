package dev.sriovctl;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real outputs from {@code ../shared/fixtures}, read in place (never copied into the repository).
 * The folder is found from the system property {@code sriovctl.shared} (set by the build), the
 * environment variable {@code SRIOVCTL_SHARED}, or {@code ../shared}. Tests that need a fixture are
 * skipped with a clear reason when the folder is absent (a clone outside this setup).
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The shared folder ({@code ../shared}), or a skipped test when it is absent. */
    public static Path shared() {
        String prop = System.getProperty("sriovctl.shared");
        String env = System.getenv("SRIOVCTL_SHARED");
        Path p = Path.of(prop != null ? prop : env != null ? env : "../shared");
        Assumptions.assumeTrue(Files.isDirectory(p.resolve("fixtures")),
                "../shared/fixtures is absent (clone outside the project setup): fixture tests skipped");
        return p;
    }

    /** The path of a fixture, e.g. {@code ovs/ovs-appctl-bond-show-ovs3.1-lab-balance-tcp-lacp.txt}. */
    public static Path path(String relative) {
        Path p = shared().resolve("fixtures").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "fixture missing: " + p);
        return p;
    }

    /** The whole fixture file, header lines included. */
    public static String raw(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The output part of a fixture: the text after its three header lines
     * ({@code # source:}, {@code # device/kernel/ovs version if known:}, {@code # notes:}).
     */
    public static String body(String relative) {
        String raw = raw(relative);
        String[] lines = raw.split("\n", -1);
        int skip = 0;
        while (skip < lines.length && skip < 3 && lines[skip].startsWith("# ")) skip++;
        StringBuilder sb = new StringBuilder();
        for (int i = skip; i < lines.length; i++) {
            sb.append(lines[i]);
            if (i < lines.length - 1) sb.append('\n');
        }
        return sb.toString();
    }

    /** The repository root (for examples/ and docs/). */
    public static Path repo() {
        String prop = System.getProperty("sriovctl.repo");
        return Path.of(prop != null ? prop : ".");
    }
}
