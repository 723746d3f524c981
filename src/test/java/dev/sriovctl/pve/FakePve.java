package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLServerSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE API over real HTTPS (TLS from the JDK's SSLServerSocket with a {@link TestCertificate}),
 * serving {@link FakeCluster} the way pve-http-server does:
 * <ul>
 * <li>only {@code /api2/json/...}; the token from {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}
 *     parsed with Formatter.pm's {@code (?:^|\s)PVEAPIToken(?:=| )([^;]*)} and AccessControl.pm's
 *     {@code ^(.*)=(.*)$};</li>
 * <li>an authentication failure is 401 with the error as reason phrase and no JSON body, sent after
 *     a deliberate delay (AnyEvent.pm: 3 s; configurable here as {@link #authDelay});</li>
 * <li>bodies are form-urlencoded, a repeated key is an array, query parameters override body ones
 *     ({@code extract_params}); a chunked request is refused with 501 ("chunked transfer encoding
 *     not supported");</li>
 * <li>the envelope is {@code {"data": ...}}; an error has {@code "message"} (since pve-http-server
 *     5.2.0; {@link #legacyErrors} leaves it out, as older servers did) and {@code "errors"}, and its
 *     reason phrase is the first line of the message (AnyEvent.pm {@code response}).</li>
 * </ul>
 * A plain HTTP/1.1 server, not com.sun.net.httpserver, because only this way can the reason phrase
 * carry PVE's text. One request per connection ("Connection: close").
 */
public final class FakePve implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("(?:^|\\s)PVEAPIToken(?:=| )([^;]*)");

    public final FakeCluster cluster = new FakeCluster();
    public final TestCertificate certificate;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** PVE delays every authentication failure by 3 s; 0 here unless a test asks. */
    public volatile Duration authDelay = Duration.ZERO;
    /** "METHOD /path" -> delay before answering. */
    public final Map<String, Duration> slow = new ConcurrentHashMap<>();
    /** "METHOD /path" answered with a 200 that is not JSON. */
    public final Set<String> malformed = ConcurrentHashMap.newKeySet();
    /** Errors without the JSON "message" key (pve-http-server before 5.2.0). */
    public volatile boolean legacyErrors;
    /** The server's access log: "user METHOD /path status" (like pveproxy's, it names the token id, never the secret). */
    public final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());
    /** Every request as received: method, path, parameters, and the raw header block without Authorization. */
    public final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    public record Seen(String method, String path, Map<String, List<String>> params, String headersWithoutAuth) {
    }

    private final SSLServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-pve");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private FakePve(TestCertificate cert) throws IOException {
        this.certificate = cert;
        this.socket = (SSLServerSocket) cert.serverContext().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    public static FakePve start(TestCertificate cert) {
        try {
            return new FakePve(cert);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public FakePve token(String tokenId, String secret) {
        tokens.put(tokenId, secret);
        return this;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public URI base() {
        return URI.create("https://127.0.0.1:" + port() + "/api2/json");
    }

    /** How many requests with this method and path arrived. */
    public long count(String method, String path) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
        }
    }

    public long writes() {
        synchronized (seen) {
            return seen.stream().filter(s -> !s.method().equals("GET")).count();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            String requestLine = line(in);
            if (requestLine == null) return;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder rawHeaders = new StringBuilder();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int c = h.indexOf(':');
                if (c <= 0) continue;
                String name = h.substring(0, c).strip();
                headers.put(name.toLowerCase(), h.substring(c + 1).strip());
                if (!name.equalsIgnoreCase("authorization")) rawHeaders.append(h).append('\n');
            }
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            URI uri = URI.create(parts[1]);
            byte[] body = new byte[0];
            if (headers.containsKey("transfer-encoding")) {
                respond(s.getOutputStream(), 501, "chunked transfer encoding not supported", null);
                return;
            }
            if (headers.containsKey("content-length")) body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            handle(s.getOutputStream(), method, uri, headers, body, rawHeaders.toString());
        } catch (IOException | RuntimeException e) {
            // the client went away (timeout test) or refused our certificate: nothing to answer
        }
    }

    private void handle(OutputStream out, String method, URI uri, Map<String, String> headers, byte[] body, String rawHeaders) throws IOException {
        String path = uri.getPath();
        if (!path.startsWith("/api2/json")) {
            respond(out, 501, "no such file '" + path + "'", null);
            return;
        }
        String rel = path.substring("/api2/json".length());
        if (rel.isEmpty()) rel = "/";
        String user = authenticate(headers.get("authorization"));
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (method.equals("PUT") || method.equals("POST")) decode(new String(body, StandardCharsets.UTF_8), params);
        Map<String, List<String>> query = new LinkedHashMap<>();
        decode(uri.getRawQuery(), query);
        params.putAll(query);
        seen.add(new Seen(method, rel, params, rawHeaders));
        if (user == null) {
            sleep(authDelay);
            accessLog.add("- " + method + " " + rel + " 401");
            respond(out, 401, "authentication failure", null);
            return;
        }
        FakeCluster.Answer a = cluster.handle(method, rel, params, user);
        accessLog.add(user + " " + method + " " + rel + " " + a.status());
        Duration d = slow.get(method + " " + rel);
        if (d != null) sleep(d);
        if (malformed.contains(method + " " + rel)) {
            respond(out, 200, "OK", "{\"data\": [ {\"id\": \"network\", ");
            return;
        }
        if (a.status() == 200) {
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("data", a.data());
            respond(out, 200, "OK", JSON.writeValueAsString(env));
        } else {
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("data", null);
            if (!a.errors().isEmpty()) env.put("errors", a.errors());
            if (!legacyErrors) env.put("message", a.message());
            respond(out, a.status(), a.message().lines().findFirst().orElse(""), JSON.writeValueAsString(env));
        }
    }

    private String authenticate(String header) {
        if (header == null) return null;
        Matcher m = TOKEN.matcher(header);
        if (!m.find()) return null;
        Matcher kv = Pattern.compile("^(.*)=(.*)$").matcher(m.group(1));
        if (!kv.matches()) return null;
        String secret = tokens.get(kv.group(1));
        return secret != null && secret.equals(kv.group(2)) ? kv.group(1) : null;
    }

    private static void decode(String text, Map<String, List<String>> into) {
        if (text == null || text.isEmpty()) return;
        for (String pair : text.split("[&;]")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static void respond(OutputStream out, int status, String reason, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Server: pve-api-daemon/3.0\r\n"
                + (body == null ? "" : "Content-Type: application/json;charset=UTF-8\r\n")
                + "Content-Length: " + b.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
