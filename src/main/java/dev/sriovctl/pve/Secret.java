package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The secret half of a PVE API token. It is read from a file or an environment variable, never
 * from argv (other users see argv in {@code ps}), and it never appears in {@link #toString()},
 * messages or logs: only {@link ApiToken} puts it into the Authorization header.
 */
public final class Secret {

    /** The environment variable the CLI reads the secret from when no --token-file is given. */
    public static final String ENV = "PVE_TOKEN_SECRET";

    private static final int MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Reads the secret from a file that only its owner may access (mode 0600 or 0400, like ssh
     * keys): a group- or world-accessible file is refused before it is read.
     */
    public static Secret fromFile(Path file) {
        SourceLocation where = SourceLocation.of(file.toString());
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new InputException(where, "token secret file not found", "create it with: install -m 600 /dev/null FILE, then write the secret into it");
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException(where, "cannot check the permissions of the token secret file", "keep it on a POSIX file system with mode 0600");
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(perms);
        open.retainAll(GROUP_OR_OTHER);
        if (!open.isEmpty()) {
            throw new InputException(where, "the token secret file is accessible by group or others (mode " + octal(perms) + ")",
                    "restrict it to its owner: chmod 600 " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(where, "the token secret file is not a regular file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw new InputException(where, "the token secret file is larger than " + MAX_BYTES + " bytes");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(where, "cannot read the token secret file: " + e.getClass().getSimpleName());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), where);
    }

    /** Reads the secret from {@link #ENV} in the given environment. */
    public static Secret fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        SourceLocation where = SourceLocation.of("environment variable " + ENV);
        if (v == null) throw new InputException(where, "not set", "give --token-file FILE, or export " + ENV);
        return parse(v, where);
    }

    /** A secret held in memory (tests, and callers that already read it safely). */
    public static Secret of(String value) {
        return parse(value, SourceLocation.of("token secret"));
    }

    private static Secret parse(String text, SourceLocation where) {
        String s = text.strip();
        if (s.isEmpty()) throw new InputException(where, "the token secret is empty");
        if (s.contains("!") || s.startsWith("PVEAPIToken")) {
            // never echo the content: it may be the secret itself
            throw new InputException(where, "holds more than the token secret",
                    "put only the secret (the UUID 'pveum user token add' printed as 'value') there; give the id with --token-id USER@REALM!TOKENID");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || c == ';' || c == '=') {
                throw new InputException(where, "the token secret contains a character a PVE secret never has (whitespace, control, ';' or '=')",
                        "put only the secret on one line");
            }
        }
        return new Secret(s);
    }

    /** The secret itself, for the Authorization header only. */
    String reveal() {
        return value;
    }

    /** Whether {@code text} contains this secret (for callers that must prove they never leak it). */
    public boolean occursIn(CharSequence text) {
        return text != null && text.toString().contains(value);
    }

    private static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) mode |= 1 << (8 - p.ordinal());
        return String.format("0%03o", mode);
    }

    @Override
    public String toString() {
        return "<redacted>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && java.security.MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // no information about the value
    }
}
