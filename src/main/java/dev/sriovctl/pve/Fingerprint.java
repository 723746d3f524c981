package dev.sriovctl.pve;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a certificate as Proxmox shows it ({@code pvenode cert info}, the
 * GUI's Certificates panel): 32 bytes as upper-case hex joined by colons. pve-apiclient computes it
 * with {@code Net::SSLeay::X509_get_fingerprint($cert, 'sha256')} over the DER encoding; the PVE
 * schema format {@code fingerprint-sha256} is {@code ([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}}
 * (pve-common JSONSchema.pm). Lower case is accepted and normalised.
 */
public record Fingerprint(String value) {

    private static final Pattern FORMAT = Pattern.compile("([A-F0-9]{2}:){31}[A-F0-9]{2}");

    public Fingerprint {
        value = value == null ? null : value.strip().toUpperCase(Locale.ROOT);
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a SHA-256 certificate fingerprint: '" + value
                    + "' (expected 32 hex bytes joined by ':', as 'pvenode cert info' prints it)");
        }
    }

    public static Fingerprint parse(String text) {
        return new Fingerprint(text);
    }

    /** The fingerprint of a certificate (SHA-256 over its DER encoding). */
    public static Fingerprint of(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                if (sb.length() > 0) sb.append(':');
                sb.append(String.format("%02X", b & 0xff));
            }
            return new Fingerprint(sb.toString());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate fingerprint: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
