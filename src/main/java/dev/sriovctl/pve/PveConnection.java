package dev.sriovctl.pve;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where and how {@link PveClient} connects.
 *
 * @param base        {@code https://HOST:8006/api2/json}
 * @param fingerprint the pinned leaf certificate, or null to verify the certificate normally
 * @param retries     how often a GET is tried again after a timeout, a lost connection or a 502/503/504
 * @param trace       receives one line per request (method, path, status, time): never headers or bodies
 */
public record PveConnection(URI base, ApiToken token, Fingerprint fingerprint, Duration connectTimeout,
                            Duration timeout, int retries, Duration retryDelay, Consumer<String> trace) {

    /** pveproxy's port (pve-manager PVE/Service/pveproxy.pm). */
    public static final int DEFAULT_PORT = 8006;

    public PveConnection {
        if (base == null || token == null) throw new IllegalArgumentException("base and token are required");
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0");
        trace = trace == null ? line -> { } : trace;
    }

    /** Defaults: 10 s to connect, 30 s per answer, 2 retries of GETs 0.5 s apart (doubling). */
    public static PveConnection of(URI base, ApiToken token, Fingerprint fingerprint) {
        return new PveConnection(base, token, fingerprint, Duration.ofSeconds(10), Duration.ofSeconds(30), 2,
                Duration.ofMillis(500), null);
    }

    public PveConnection withTimeout(Duration t) {
        return new PveConnection(base, token, fingerprint, connectTimeout, t, retries, retryDelay, trace);
    }

    public PveConnection withRetries(int n, Duration delay) {
        return new PveConnection(base, token, fingerprint, connectTimeout, timeout, n, delay, trace);
    }

    public PveConnection withTrace(Consumer<String> t) {
        return new PveConnection(base, token, fingerprint, connectTimeout, timeout, retries, retryDelay, t);
    }

    /**
     * The API base from what a user types: {@code pve1}, {@code pve1:8006}, {@code 192.0.2.10},
     * {@code [2001:db8::1]}, {@code https://pve1:8006} or the full {@code https://pve1:8006/api2/json}.
     * Plain http is refused: the token would travel unencrypted.
     */
    public static URI apiBase(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("no PVE API address given");
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            throw new IllegalArgumentException("refusing plain http ('" + t + "'): the API token would be sent unencrypted; use https://");
        }
        if (!lower.startsWith("https://")) {
            if (t.contains("://")) throw new IllegalArgumentException("not an https URL: '" + t + "'");
            t = "https://" + t;
        }
        try {
            URI u = new URI(t);
            if (u.getHost() == null) throw new IllegalArgumentException("no host in '" + text + "'");
            if (u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
                throw new IllegalArgumentException("give the API address without user, query or fragment: '" + text + "'");
            }
            int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            if (path.isEmpty()) path = "/api2/json";
            if (!path.equals("/api2/json")) {
                throw new IllegalArgumentException("unexpected API path '" + path + "' in '" + text + "' (expected https://HOST:8006 or https://HOST:8006/api2/json)");
            }
            return new URI("https", null, u.getHost(), port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a host or URL: '" + text + "' (" + e.getReason() + ")");
        }
    }
}
