package dev.sriovctl.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's prometheus-node-exporter, started by a test on a loopback port with only its textfile
 * collector, reading a directory the test chose: the program that reads sriovctl's textfile in
 * production, with the Prometheus text parser it uses (prometheus/common expfmt.TextParser).
 */
final class NodeExporter implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private final Process process;
    private final Path log;
    private final int port;

    private NodeExporter(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Why it cannot run here, or empty. */
    static Optional<String> missing() {
        return Files.isExecutable(BINARY) ? Optional.empty()
                : Optional.of(BINARY + " is not installed (apt-get install --no-install-recommends prometheus-node-exporter, as .ci/run does)");
    }

    /** Whether a missing node_exporter must fail rather than skip: .ci/run sets SRIOVCTL_LAB=require where it installs it. */
    static boolean required() {
        return "require".equals(System.getProperty("sriovctl.lab", System.getenv("SRIOVCTL_LAB")));
    }

    static NodeExporter start(Path textfileDir, Path work) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) { // a free port may be taken between choosing and binding
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path log = work.resolve("node-exporter-" + port + ".log");
            Process p = new ProcessBuilder(BINARY.toString(), "--collector.disable-defaults", "--collector.textfile",
                    "--collector.textfile.directory=" + textfileDir, "--web.disable-exporter-metrics",
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            NodeExporter n = new NodeExporter(p, log, port);
            for (int i = 0; i < 200 && p.isAlive(); i++) { // bounded: 200 tries, 25 ms apart
                try {
                    n.get();
                    return n;
                } catch (ConnectException e) {
                    Thread.sleep(25);
                }
            }
            n.close();
            last = new IOException("node_exporter did not answer on 127.0.0.1:" + port + ": " + Files.readString(log));
        }
        throw last;
    }

    private String get() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("node_exporter answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /** The series node_exporter serves now, by {@link #key}. */
    Map<String, Double> scrape() throws IOException, InterruptedException {
        return series(get());
    }

    /** What node_exporter logged (its parse errors name the file and the line). */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /**
     * Series lines of the text format as {@code name{a="x",b="y"}} (labels sorted by name, empty ones dropped,
     * as Prometheus treats them) -> value. Only to compare the two sides of the test; not a validator.
     */
    static Map<String, Double> series(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) throw new AssertionError("not a series line: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) if (!l.group(2).isEmpty()) labels.put(l.group(1), l.group(2));
            }
            out.put(key(m.group(1), labels), Double.parseDouble(m.group(3)));
        }
        return out;
    }

    static String key(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) labels.put(labelPairs[i], labelPairs[i + 1]);
        return key(name, labels);
    }

    private static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    static List<String> names(Map<String, Double> series) {
        return series.keySet().stream().map(k -> k.contains("{") ? k.substring(0, k.indexOf('{')) : k).distinct().toList();
    }
}
