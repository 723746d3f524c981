package dev.sriovctl.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Identifiers the simulated hardware invents. Everything "random" is derived from a seed so a twin
 * built twice is identical (the committed example snapshot is regenerated and compared byte for byte).
 */
final class Ids {
    private Ids() {
    }

    /** A locally administered unicast MAC derived from {@code seed}, like the kernel's eth_random_addr. */
    static String randomMac(String seed) {
        byte[] h = digest(seed);
        h[0] = (byte) ((h[0] & 0xfe) | 0x02);
        return mac(h);
    }

    /** {@code mac} plus {@code n} in its last three bytes (a NIC's ports have consecutive MACs). */
    static String macPlus(String mac, int n) {
        long v = Long.parseLong(mac.replace(":", ""), 16) + n;
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) (v & 0xff);
            v >>= 8;
        }
        return mac(b);
    }

    /**
     * The e-switch id mlx5 reports (phys_switch_id, the system image GUID) as it relates to PF0's MAC:
     * c4:70:bd:16:64:32 reports 3264160003bd70c4 and c4:70:bd:12:ac:52 reports 52ac120003bd70c4
     * (fixtures/ip-link/proxmox-cx6lx-pf-ip-d-link-before-and-after-switchdev-ovs.txt, both hosts).
     */
    static String switchIdFromMac(String mac) {
        String[] b = mac.toLowerCase(Locale.ROOT).split(":");
        return b[5] + b[4] + b[3] + "0003" + b[2] + b[1] + b[0];
    }

    /** A number in [0, bound) derived from a seed. */
    static int number(String seed, int bound) {
        byte[] h = digest(seed);
        int v = ((h[0] & 0x7f) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return v % bound;
    }

    private static String mac(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            sb.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    private static byte[] digest(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
