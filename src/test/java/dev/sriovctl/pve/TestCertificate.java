package dev.sriovctl.pve;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A self-signed server certificate made by the JDK's own {@code keytool -genkeypair} into a
 * temporary PKCS12 store, like the self-signed {@code pve-ssl.pem} a PVE node starts with. Its
 * name is {@code pve1.invalid} (never the 127.0.0.1 the tests connect to), so a pinned client
 * proves it does not check the host name. {@link #keytoolFingerprint} is keytool's own SHA-256,
 * an independent check of {@link Fingerprint#of}. The store stays until the JVM exits.
 */
public record TestCertificate(String name, KeyStore keyStore, X509Certificate certificate, Path store) {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ConcurrentHashMap<String, TestCertificate> CACHE = new ConcurrentHashMap<>();

    /** One certificate per name for the whole test run (keytool takes about a second). */
    public static TestCertificate named(String name) {
        return CACHE.computeIfAbsent(name, TestCertificate::generate);
    }

    /** keytool's own SHA-256 of the certificate (one more JVM start, so only when asked). */
    public String keytoolFingerprint() {
        try {
            String list = run(List.of(keytool(), "-J-XX:TieredStopAtLevel=1", "-list", "-v", "-alias", "pve", "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
            Matcher m = Pattern.compile("SHA256: ([0-9A-F:]{95})").matcher(list);
            if (!m.find()) throw new IllegalStateException("keytool printed no SHA256 fingerprint:\n" + list);
            return m.group(1);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }

    /** A PKCS12 trust store holding these certificates as trusted CAs, as a machine's CA store would. */
    public static Path trustStore(Path dir, TestCertificate... certs) {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, PASSWORD);
            for (TestCertificate c : certs) ts.setCertificateEntry(c.name(), c.certificate());
            Path p = dir.resolve("truststore.p12");
            try (var out = Files.newOutputStream(p)) {
                ts.store(out, PASSWORD);
            }
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificate generate(String name) {
        try {
            Path dir = Files.createTempDirectory("sriovctl-cert-");
            Path store = dir.resolve("server.p12");
            run(List.of(keytool(), "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", "pve", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name + ", O=sriovctl test", "-ext", (name.matches("[0-9.]+") ? "SAN=ip:" : "SAN=dns:") + name, "-validity", "30",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate("pve");
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new TestCertificate(name, ks, cert, store);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test certificate with keytool: " + e.getMessage(), e);
        }
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        return out;
    }
}
