package dev.sriovctl.sim.ovs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Deterministic record UUIDs: the n-th UUID of a database is derived from its seed and n (SHA-256,
 * formatted as a version-4 UUID), so a simulated host gives the same UUIDs on every run while they still
 * look and sort like the random ones ovsdb-server hands out.
 */
final class Uuids {
    private Uuids() {
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static boolean isUuid(String s) {
        return UUID_TEXT.matcher(s).matches();
    }

    static UUID derive(String seed, long n) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + "/" + n).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x40);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0, lsb = 0;
            for (int i = 0; i < 8; i++) msb = (msb << 8) | (h[i] & 0xff);
            for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (h[i] & 0xff);
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
