package dev.sriovctl.pve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sriovctl.observe.JsonTreeParser;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The PVE API over HTTPS with an API token.
 *
 * <p>Transport: {@link HttpsURLConnection} rather than {@code java.net.http}, because only it
 * exposes the HTTP reason phrase, and pve-http-server before 5.2.0 (PVE 8.3 and older) puts an
 * error's text (e.g. which privilege a 403 lacks) only there. Bodies are sent with a fixed length:
 * pve-http-server answers chunked requests with 501, and a streamed body is never re-sent by the
 * JDK behind our back.
 *
 * <p>Retries: only GET, after a timeout, a lost connection or a 502/503/504. PUT is idempotent in
 * HTTP terms (sending the same {@code map} list twice leaves the same state), but every write
 * carries the digest of what it was computed from: if the first attempt was applied and only its
 * answer was lost, a blind retry fails with "detected modified configuration", and a retry
 * without the digest could overwrite someone else's change made in between (a lost update). The
 * safe retry is to read again and recompute, which is what re-running the command does (and it
 * is a no-op when the first attempt did land). POST is never retried.
 *
 * <p>The token secret goes into the Authorization header and nowhere else: not into trace lines,
 * messages or {@link #toString()}.
 */
public final class PveClient implements PveApi {

    private static final int MAX_BODY = 32 << 20;

    private final PveConnection conn;
    private final PveTrust trust;

    private PveClient(PveConnection conn) {
        this.conn = conn;
        this.trust = new PveTrust(conn.fingerprint());
    }

    public static PveClient connect(PveConnection conn) {
        return new PveClient(conn);
    }

    @Override
    public JsonNode get(String path, Form query) {
        PveApiException last = null;
        for (int attempt = 0; attempt <= conn.retries(); attempt++) {
            if (attempt > 0) {
                Duration wait = conn.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 6));
                conn.trace().accept("retrying GET " + path + " in " + wait.toMillis() + " ms (" + last.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
                sleep(wait);
            }
            try {
                return exchange("GET", path, query, null);
            } catch (PveApiException e) {
                if (!retryable(e)) throw e;
                last = e;
            }
        }
        throw last;
    }

    @Override
    public JsonNode put(String path, Form body) {
        return exchange("PUT", path, Form.of(), body);
    }

    @Override
    public JsonNode post(String path, Form body) {
        return exchange("POST", path, Form.of(), body);
    }

    @Override
    public String describe() {
        return origin() + " as " + conn.token().id();
    }

    @Override
    public String toString() {
        return "PveClient[" + describe() + "]";
    }

    private String origin() {
        URI b = conn.base();
        return "https://" + (b.getHost().contains(":") ? "[" + b.getHost() + "]" : b.getHost()) + ":" + b.getPort();
    }

    private static boolean retryable(PveApiException e) {
        return switch (e.kind()) {
            case TIMEOUT, UNREACHABLE -> true;
            case SERVER_ERROR -> e.status() == 502 || e.status() == 503 || e.status() == 504;
            default -> false;
        };
    }

    private JsonNode exchange(String method, String path, Form query, Form body) {
        String call = method + " " + path;
        long start = System.nanoTime();
        HttpsURLConnection c;
        try {
            String url = conn.base().toString() + encodePath(path) + (query.isEmpty() ? "" : "?" + query.encode());
            c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
            c.setSSLSocketFactory(trust.context().getSocketFactory());
            if (!trust.verifiesHostname()) c.setHostnameVerifier((host, session) -> true); // pinned: the leaf counts, not its name
            c.setConnectTimeout(millis(conn.connectTimeout()));
            c.setReadTimeout(millis(conn.timeout()));
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestMethod(method);
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("Authorization", conn.token().authorization());
            if (body != null) {
                byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(bytes.length);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            String reason = c.getResponseMessage();
            byte[] raw = read(status < 400 ? c.getInputStream() : c.getErrorStream());
            conn.trace().accept(call + " -> " + status + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
            if (status == 200) return data(call, raw);
            throw ApiErrors.fromAnswer(method, path, status, reason, lenient(raw), describe());
        } catch (SSLException e) {
            conn.trace().accept(call + " -> TLS refused");
            throw tlsFailure(call, e);
        } catch (SocketTimeoutException e) {
            conn.trace().accept(call + " -> timeout");
            throw new PveApiException(PveApiException.Kind.TIMEOUT, -1, call,
                    "no answer from " + origin() + " within " + seconds(conn.timeout()) + " for " + call
                            + (method.equals("GET") ? "" : ": the change may or may not have been applied; re-run the command (it rereads the state, and does nothing if the change is there)"),
                    null, e);
        } catch (ConnectException | UnknownHostException e) {
            conn.trace().accept(call + " -> unreachable");
            throw new PveApiException(PveApiException.Kind.UNREACHABLE, -1, call,
                    "cannot connect to " + origin() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", null, e);
        } catch (IOException e) {
            conn.trace().accept(call + " -> connection failed");
            throw new PveApiException(PveApiException.Kind.UNREACHABLE, -1, call,
                    "the connection to " + origin() + " failed during " + call + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"
                            + (method.equals("GET") ? "" : "; the change may or may not have been applied: re-run the command"), null, e);
        }
    }

    private PveApiException tlsFailure(String call, SSLException e) {
        Fingerprint seen = trust.presented();
        String msg;
        if (trust.pinned() != null && seen != null && !seen.equals(trust.pinned())) {
            msg = "refusing " + origin() + ": its certificate has the SHA-256 fingerprint " + seen + ", but " + trust.pinned()
                    + " was pinned with --fingerprint. If the node's certificate was renewed, compare with 'pvenode cert info' on the node and pin the new one";
        } else if (trust.pinned() == null && seen != null) {
            msg = "refusing " + origin() + ": its certificate (SHA-256 fingerprint " + seen + ") is not trusted by this machine ("
                    + rootCause(e) + "). Give the node a certificate from a CA this machine trusts, or compare the fingerprint with 'pvenode cert info' on the node and pin it with --fingerprint " + seen;
        } else {
            msg = "TLS with " + origin() + " failed: " + rootCause(e);
        }
        return new PveApiException(PveApiException.Kind.TLS, -1, call, msg, null, e);
    }

    private static String rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    private static JsonNode data(String call, byte[] raw) {
        JsonNode root;
        try {
            root = JsonTreeParser.read(raw);
        } catch (JsonProcessingException e) {
            throw malformed(call, "is not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw malformed(call, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !root.has("data")) {
            throw malformed(call, "is not PVE's {\"data\": ...} envelope", null);
        }
        JsonNode d = root.get("data");
        return d == null ? NullNode.getInstance() : d;
    }

    private static PveApiException malformed(String call, String what, Throwable cause) {
        return new PveApiException(PveApiException.Kind.MALFORMED, 200, call, "the answer to " + call + " " + what
                + ": is the address a Proxmox VE API (https://HOST:8006)?", null, cause);
    }

    private static JsonNode lenient(byte[] raw) {
        if (raw == null || raw.length == 0) return null;
        try {
            return JsonTreeParser.read(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) return new byte[0];
        try (in) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) throw new IOException("answer larger than " + (MAX_BODY >> 20) + " MiB");
            return b;
        }
    }

    /** Encodes each path segment (ids and node names are plain, but never trust that). */
    static String encodePath(String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("API path must start with '/': " + path);
        StringBuilder sb = new StringBuilder();
        for (String seg : path.substring(1).split("/", -1)) {
            sb.append('/').append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveApiException(PveApiException.Kind.TIMEOUT, "GET", "interrupted while waiting to retry");
        }
    }
}
