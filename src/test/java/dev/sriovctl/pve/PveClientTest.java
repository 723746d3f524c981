package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PveClient against a real HTTPS server speaking PVE's protocol ({@link FakePve}): envelope,
 * every error shape, retries, timeouts, certificate pinning. After each test, the token secret
 * must appear in no exception message, trace line, or anything the server logged.
 */
class PveClientTest {

    static final String SECRET = "0b9c7a31-1d2e-4f50-8a6b-7c8d9e0f1a2b";
    static final String TOKEN = "sriovctl@pve!ops";

    FakePve pve;
    final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void start() {
        pve = FakePve.start(TestCertificate.named("pve1.invalid")).token(TOKEN, SECRET);
        pve.cluster.node("pve1").node("pve2");
        pve.cluster.mapping("network", "VFs", "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60");
        pve.cluster.grant(TOKEN, "/mapping/pci", FakeCluster.MAPPING_ADMIN);
    }

    @AfterEach
    void secretNeverLeaks() {
        pve.close();
        List<String> all = new ArrayList<>(messages);
        all.addAll(trace);
        all.addAll(pve.accessLog);
        pve.seen.forEach(s -> all.add(s.headersWithoutAuth() + s.params()));
        assertThat(all).noneMatch(s -> s.contains(SECRET));
    }

    PveClient client(String secret, Fingerprint pin) {
        return PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse(TOKEN), Secret.of(secret)), pin)
                .withTimeout(Duration.ofMillis(1500)).withRetries(2, Duration.ofMillis(10)).withTrace(trace::add));
    }

    PveClient client() {
        return client(SECRET, pve.certificate.fingerprint());
    }

    PveApiException fails(Runnable r) {
        PveApiException e = catchThrowableOfType(r::run, PveApiException.class);
        assertThat(e).as("a PveApiException").isNotNull();
        messages.add(e.getMessage());
        messages.add(String.valueOf(e));
        return e;
    }

    @Test
    void returnsTheEnvelopesDataAndTracesWithoutHeaders() {
        JsonNode d = client().get("/version");
        assertThat(d.get("release").asText()).isEqualTo("8.4");
        assertThat(trace).singleElement().asString().startsWith("GET /version -> 200");
        assertThat(client().toString()).contains(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void pinnedCertificateIsAcceptedThoughItNamesAnotherHost() {
        // the certificate says pve1.invalid, the client connects to 127.0.0.1: only the leaf's fingerprint counts
        assertThat(client().get("/nodes").size()).isEqualTo(2);
    }

    @Test
    void aWrongTokenIs401AfterPvesDelayAndIsNotRetried() {
        pve.authDelay = Duration.ofMillis(200);
        PveApiException e = fails(() -> client("00000000-0000-0000-0000-000000000000", pve.certificate.fingerprint()).get("/nodes"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.UNAUTHORIZED);
        assertThat(e.badInput()).isTrue();
        assertThat(e.getMessage()).contains("PVE refused the API token (401 authentication failure)").contains("--token-id").contains(TOKEN);
        assertThat(pve.count("GET", "/nodes")).isEqualTo(1);
    }

    @Test
    void aMissingPrivilegeIs403NamingWhatTheCallNeeds() {
        pve.cluster.grant("audit@pve!ro", "/", FakeCluster.AUDITOR);
        pve.token("audit@pve!ro", SECRET);
        PveClient ro = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("audit@pve!ro"), Secret.of(SECRET)),
                pve.certificate.fingerprint()));
        PveApiException e = fails(() -> ro.post("/cluster/mapping/pci", Form.of().with("id", "x").with("map", "node=pve1,path=0000:81:00.2,id=15b3:101e")));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.FORBIDDEN);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Permission check failed (/mapping/pci, Mapping.Modify)")
                .contains("this call needs Mapping.Modify on /mapping/pci (the parent path: role PVEMappingAdmin on /mapping/pci)")
                .contains("token AND its user");
    }

    @Test
    void anOlderPveWithoutJsonMessageIsReadFromTheReasonPhrase() {
        pve.legacyErrors = true; // pve-http-server < 5.2.0: the text is only in the status line
        pve.cluster.grant("audit@pve!ro", "/", FakeCluster.AUDITOR);
        pve.token("audit@pve!ro", SECRET);
        PveClient ro = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("audit@pve!ro"), Secret.of(SECRET)),
                pve.certificate.fingerprint()));
        PveApiException e = fails(() -> ro.put("/cluster/mapping/pci/network", Form.of().with("map", "node=pve1,path=0000:81:00.2,id=15b3:101e")));
        assertThat(e.getMessage()).contains("Permission check failed (/mapping/pci/network, Mapping.Modify)");
        PveApiException missing = fails(() -> client().get("/cluster/mapping/pci/nothere"));
        assertThat(missing.getMessage()).contains("mapping 'nothere' not found");
    }

    @Test
    void parameterErrorsAre400WithEachParameter() {
        PveApiException e = fails(() -> client().post("/cluster/mapping/pci",
                Form.of().with("id", "net2").with("map", "node=pve1,path=0000:81:0A.2,id=15b3:101e")));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.BAD_REQUEST);
        assertThat(e.errors()).containsKey("map");
        assertThat(e.getMessage()).contains("Parameter verification failed.").contains("map: invalid format - path");
    }

    @Test
    void aPlainDieIs500WithItsMessage() {
        PveApiException e = fails(() -> client().get("/cluster/mapping/pci/nothere"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.SERVER_ERROR);
        assertThat(e.badInput()).isFalse();
        assertThat(e.getMessage()).contains("(500): mapping 'nothere' not found");
        assertThat(pve.count("GET", "/cluster/mapping/pci/nothere")).as("500 is not retried").isEqualTo(1);
    }

    @Test
    void anUnknownPathIs501() {
        PveApiException e = fails(() -> client().get("/cluster/mapping/usb-or-something"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.NOT_IMPLEMENTED);
        assertThat(e.getMessage()).contains("Method 'GET /cluster/mapping/usb-or-something' not implemented").contains("Proxmox VE 8.0");
    }

    @Test
    void aDigestMismatchIsAConflictToRetryByRerunning() {
        PveApiException e = fails(() -> client().put("/cluster/mapping/pci/network",
                Form.of().with("map", "node=pve1,path=0000:81:00.2,id=15b3:101e").with("digest", "0".repeat(40))));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.CONFLICT);
        assertThat(e.getMessage()).contains("changed meanwhile").contains("detected modified configuration").contains("re-run");
        assertThat(pve.cluster.mappings.get("network").map).as("nothing written").hasSize(1);
    }

    @Test
    void malformedJsonIsReported() {
        pve.malformed.add("GET /cluster/mapping/pci");
        PveApiException e = fails(() -> client().get("/cluster/mapping/pci"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("is not JSON").contains("https://HOST:8006");
    }

    @Test
    void aSlowGetTimesOutAfterItsRetries() {
        pve.slow.put("GET /cluster/mapping/pci", Duration.ofSeconds(5));
        PveClient c = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse(TOKEN), Secret.of(SECRET)), pve.certificate.fingerprint())
                .withTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ofMillis(10)).withTrace(trace::add));
        PveApiException e = fails(() -> c.get("/cluster/mapping/pci"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("no answer").contains("300 ms");
        assertThat(pve.count("GET", "/cluster/mapping/pci")).isEqualTo(3);
        assertThat(trace).anyMatch(l -> l.startsWith("retrying GET /cluster/mapping/pci"));
    }

    @Test
    void aSlowPutIsNeverRetriedAndSaysTheChangeMayHaveLanded() {
        pve.slow.put("PUT /cluster/mapping/pci/network", Duration.ofSeconds(5));
        PveClient c = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse(TOKEN), Secret.of(SECRET)), pve.certificate.fingerprint())
                .withTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ofMillis(10)));
        PveApiException e = fails(() -> c.put("/cluster/mapping/pci/network", Form.of().with("map", "node=pve1,path=0000:81:00.2,id=15b3:101e")));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("may or may not have been applied").contains("re-run");
        assertThat(pve.count("PUT", "/cluster/mapping/pci/network")).isEqualTo(1);
    }

    @Test
    void aPostIsSentOnceWithAFixedLengthFormBody() {
        client().post("/cluster/mapping/pci", Form.of().with("id", "net2")
                .with("map", "node=pve1,path=0000:81:00.2,id=15b3:101e").with("map", "node=pve1,path=0000:81:00.3,id=15b3:101e"));
        FakePve.Seen s = pve.seen.stream().filter(x -> x.method().equals("POST")).findFirst().orElseThrow();
        assertThat(s.headersWithoutAuth()).contains("Content-Length").contains("application/x-www-form-urlencoded").doesNotContain("chunked");
        assertThat(s.params().get("map")).hasSize(2); // repeated key = array, as PVE reads it
        assertThat(pve.cluster.mappings.get("net2").map).hasSize(2);
    }

    @Test
    void aCertificateWithAnotherFingerprintIsRefusedShowingBoth() {
        Fingerprint other = TestCertificate.named("other.invalid").fingerprint();
        PveApiException e = fails(() -> client(SECRET, other).get("/version"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.TLS);
        assertThat(e.getMessage()).contains(pve.certificate.fingerprint().value()).contains(other.value())
                .contains("--fingerprint").contains("pvenode cert info");
        assertThat(pve.seen).as("no request reached the server").isEmpty();
    }

    @Test
    void withoutAPinASelfSignedCertificateIsRefusedShowingItsFingerprint() {
        PveApiException e = fails(() -> client(SECRET, null).get("/version"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.TLS);
        assertThat(e.getMessage()).contains("not trusted by this machine").contains("--fingerprint " + pve.certificate.fingerprint().value());
        assertThat(pve.seen).isEmpty();
    }

    /** Verified mode is the JDK's PKIX check plus the host name: a trusted certificate for another name is refused. */
    @Test
    void withoutAPinTheCertificateMustBeTrustedAndNameTheHost(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        TestCertificate forIp = TestCertificate.named("127.0.0.1");
        java.nio.file.Path store = TestCertificate.trustStore(tmp, forIp, pve.certificate);
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] old = new String[keys.length];
        for (int i = 0; i < keys.length; i++) old[i] = System.getProperty(keys[i]);
        try (FakePve byIp = FakePve.start(forIp).token(TOKEN, SECRET)) {
            System.setProperty(keys[0], store.toString());
            System.setProperty(keys[1], "changeit");
            System.setProperty(keys[2], "PKCS12");
            PveClient trusted = client(SECRET, null); // pve: trusted, but named pve1.invalid
            PveClient good = PveClient.connect(PveConnection.of(byIp.base(), new ApiToken(TokenId.parse(TOKEN), Secret.of(SECRET)), null));
            assertThat(good.get("/version").get("release").asText()).isEqualTo("8.4");
            PveApiException e = fails(() -> trusted.get("/version"));
            assertThat(e.kind()).isEqualTo(PveApiException.Kind.TLS);
            assertThat(e.getMessage()).contains("127.0.0.1");
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (old[i] == null) System.clearProperty(keys[i]);
                else System.setProperty(keys[i], old[i]);
            }
        }
    }

    @Test
    void anUnreachableApiIsTriedAgainThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PveClient c = PveClient.connect(PveConnection.of(URI.create("https://127.0.0.1:" + port + "/api2/json"),
                new ApiToken(TokenId.parse(TOKEN), Secret.of(SECRET)), null).withRetries(1, Duration.ofMillis(5)).withTrace(trace::add));
        PveApiException e = fails(() -> c.get("/version"));
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("cannot connect to https://127.0.0.1:" + port);
        assertThat(trace).filteredOn(l -> l.startsWith("retrying")).hasSize(1);
    }

    @Test
    void listsOnlyMappingsTheTokenMaySee() {
        pve.cluster.mapping("gpu", "GPUs", "node=pve1,path=0000:01:00.0,id=10de:2231,iommugroup=1");
        pve.cluster.grant("net@pve!nx", "/mapping/pci/network", Set.of("Mapping.Use"));
        pve.token("net@pve!nx", SECRET);
        PveClient c = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("net@pve!nx"), Secret.of(SECRET)), pve.certificate.fingerprint()));
        assertThat(ClusterReader.mappings(c)).extracting(PciMapping::id).containsExactly("network");
        assertThat(ClusterReader.mappings(client())).extracting(PciMapping::id).containsExactly("network", "gpu");
    }
}
