package dev.sriovctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.pve.FakeCluster;
import dev.sriovctl.pve.FakePve;
import dev.sriovctl.pve.GuideHostSnapshot;
import dev.sriovctl.pve.TestCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sriovctl pve map|attach|status} end to end: VFs discovered from a guide-shaped snapshot,
 * the PVE API over HTTPS, the token secret in a 0600 file. No output of any run, and no
 * argument, ever carries the secret.
 */
class PveCommandTest {

    static final String SECRET = "9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a";
    static final String TOKEN = "sriovctl@pve!ops";

    @TempDir
    Path dir;
    FakePve pve;
    Path snapshot;
    Path tokenFile;
    final List<CliDriver.Result> results = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        pve = FakePve.start(TestCertificate.named("pve1.invalid")).token(TOKEN, SECRET);
        pve.cluster.node("pve1").node("pve2");
        pve.cluster.grant(TOKEN, "/mapping/pci", FakeCluster.MAPPING_ADMIN);
        pve.cluster.grant(TOKEN, "/vms", FakeCluster.VM_ADMIN);
        pve.cluster.grant(TOKEN, "/", FakeCluster.AUDITOR);
        snapshot = GuideHostSnapshot.write(dir.resolve("pve1"), "pve1");
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, SECRET + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void noSecretAnywhere() {
        pve.close();
        for (CliDriver.Result r : results) {
            assertThat(r.out()).doesNotContain(SECRET);
            assertThat(r.err()).doesNotContain(SECRET);
        }
    }

    CliDriver.Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--snapshot", snapshot.toString(), "--api", "https://127.0.0.1:" + pve.port(),
                "--token-id", TOKEN, "--token-file", tokenFile.toString(), "--fingerprint", pve.certificate.fingerprint().value()));
        assertThat(argv).noneMatch(a -> a.contains(SECRET));
        CliDriver.Result r = CliDriver.run(argv.toArray(String[]::new));
        results.add(r);
        return r;
    }

    static JsonNode json(CliDriver.Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void mapCreatesTheMappingAndReRunningChangesNothing() throws Exception {
        CliDriver.Result first = run("pve", "map", "--mapping", "network");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("mapping network, node pve1: created")
                .contains("+ node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45");
        assertThat(pve.cluster.mappings.get("network").map).hasSize(4);

        CliDriver.Result again = run("pve", "map", "--mapping", "network", "-o", "json");
        assertThat(again.exitCode()).isZero();
        JsonNode j = json(again);
        assertThat(j.get("action").asText()).isEqualTo("unchanged");
        assertThat(j.get("after")).hasSize(4);
        assertThat(pve.writes()).isEqualTo(1);
    }

    @Test
    void mapDryRunShowsBeforeAndAfter() {
        pve.cluster.mapping("network", null, "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60");
        CliDriver.Result r = run("pve", "map", "-m", "network", "--vfs", "ovs-sw1pf0vf0", "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("would update").contains("before (1 entry)").contains("after (2 entries)")
                .contains("1 entry of other nodes kept");
        assertThat(pve.writes()).isZero();
    }

    @Test
    void attachGivesAVmVfsAndSaysARunningVmGetsThemAsPending() throws Exception {
        assertThat(run("pve", "map", "-m", "network").exitCode()).isZero();
        pve.cluster.vm(100, "pve1", "web", true, "machine: q35");
        CliDriver.Result r = run("pve", "attach", "100", "-m", "network", "--count", "2", "--pcie");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("VM 100 on pve1, mapping network: attached").contains("hostpci0: mapping=network,pcie=1")
                .contains("4 VFs, 0 used before, 2 free after").contains("note: VM 100 (web) is running").contains("pending");
        assertThat(pve.cluster.vms.get(100).pending).containsOnlyKeys("hostpci0", "hostpci1");

        CliDriver.Result again = run("pve", "attach", "100", "-m", "network", "--count", "2", "--pcie", "-o", "json");
        assertThat(json(again).get("action").asText()).isEqualTo("unchanged");

        CliDriver.Result status = run("pve", "status", "-o", "json");
        assertThat(status.exitCode()).isZero();
        JsonNode node = json(status).get("mappings").get(0).get("nodes").get(0);
        assertThat(node.get("used").asInt()).isEqualTo(2);
        assertThat(node.get("free").asInt()).isEqualTo(2);
        assertThat(node.get("entries").get(0).get("driver").asText()).isEqualTo("vfio-pci");
        CliDriver.Result table = run("pve", "status");
        assertThat(table.out()).contains("node pve1: 4 VFs, 2 used, 2 free; VMs: 100 web (running, x2)").contains("0000:81:00.5");
    }

    @Test
    void attachRefusalsAreExit2AndChangeNothing() {
        assertThat(run("pve", "map", "-m", "network").exitCode()).isZero();
        pve.cluster.vm(100, "pve1", "web", false);
        CliDriver.Result noQ35 = run("pve", "attach", "100", "-m", "network", "--pcie");
        assertThat(noQ35.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noQ35.err()).contains("pcie=1 needs q35").contains("nothing was changed");
        CliDriver.Result tooMany = run("pve", "attach", "100", "-m", "network", "--count", "5");
        assertThat(tooMany.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tooMany.err()).contains("has 4 VFs, 0 already taken by VMs, 4 free; VM 100 (web) needs 5 more");
        assertThat(pve.cluster.vms.get(100).conf).doesNotContainKey("hostpci0");
    }

    @Test
    void aWrongTokenIsExit2() throws Exception {
        Files.writeString(tokenFile, "00000000-0000-0000-0000-000000000000");
        CliDriver.Result r = run("pve", "status");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("PVE refused the API token (401").contains("nothing was changed");
    }

    @Test
    void aMissingPrivilegeIsExit2NamingIt() {
        pve.token("audit@pve!ro", SECRET);
        pve.cluster.grant("audit@pve!ro", "/", FakeCluster.AUDITOR);
        List<String> argv = new ArrayList<>(List.of("pve", "map", "-m", "network", "--snapshot", snapshot.toString(), "--api", "127.0.0.1:" + pve.port(),
                "--token-id", "audit@pve!ro", "--token-file", tokenFile.toString(), "--fingerprint", pve.certificate.fingerprint().value()));
        CliDriver.Result r = CliDriver.run(argv.toArray(String[]::new));
        results.add(r);
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("Permission check failed (/mapping/pci, Mapping.Modify)").contains("PVEMappingAdmin");
    }

    @Test
    void aConcurrentChangeIsExit3AskingToReRun() {
        pve.cluster.mapping("network", null, "node=pve2,path=0000:41:00.2,id=15b3:101e,iommugroup=60");
        pve.cluster.beforeWrite = c -> c.mappings.get("network").description = "edited in the GUI";
        CliDriver.Result r = run("pve", "map", "-m", "network");
        assertThat(r.exitCode()).isEqualTo(ExitCode.HOST_ERROR);
        assertThat(r.err()).contains("changed meanwhile").contains("re-run");
        assertThat(run("pve", "map", "-m", "network").exitCode()).isZero();
    }

    @Test
    void aCertificateMismatchIsExit3WithBothFingerprints() {
        String other = TestCertificate.named("other.invalid").fingerprint().value();
        CliDriver.Result r = CliDriver.run("pve", "status", "--snapshot", snapshot.toString(), "--api", "https://127.0.0.1:" + pve.port(),
                "--token-id", TOKEN, "--token-file", tokenFile.toString(), "--fingerprint", other);
        results.add(r);
        assertThat(r.exitCode()).isEqualTo(ExitCode.HOST_ERROR);
        assertThat(r.err()).contains(other).contains(pve.certificate.fingerprint().value());
    }

    @Test
    void verboseTracesRequestsButNeverTheToken() {
        CliDriver.Result r = run("pve", "status", "-v");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("pve: GET /cluster/mapping/pci -> 200").doesNotContain("PVEAPIToken");
    }

    @Test
    void badTokenSourcesAndAddressesAreExit2() throws Exception {
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        CliDriver.Result open = run("pve", "status");
        assertThat(open.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(open.err()).contains("mode 0644").contains("chmod 600");

        CliDriver.Result http = CliDriver.run("pve", "status", "--snapshot", snapshot.toString(), "--api", "http://pve1:8006", "--token-id", TOKEN);
        results.add(http);
        assertThat(http.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(http.err()).contains("refusing plain http");

        CliDriver.Result noWay = CliDriver.run("pve", "status", "--snapshot", snapshot.toString());
        results.add(noWay);
        assertThat(noWay.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noWay.err()).contains("pvesh is not installed here").contains("--token-file");

        CliDriver.Result argvSecret = CliDriver.run("pve", "status", "--token-secret", "x", "--snapshot", snapshot.toString());
        results.add(argvSecret);
        assertThat(argvSecret.exitCode()).as("there is no option that takes the secret").isEqualTo(ExitCode.BAD_INPUT);
        assertThat(argvSecret.err()).contains("Unknown option");
    }

    /** The example is a Proxmox VE node: without --api (and no pvesh there) status reads its pmxcfs files. */
    @Test
    void statusOfTheExampleSnapshotComesFromItsPmxcfsFiles() throws Exception {
        String example = dev.sriovctl.Fixtures.repo().resolve("examples/guide-host").toString();
        CliDriver.Result table = CliDriver.run("pve", "status", "--snapshot", example);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("mapping network").contains("node pve1: 4 VFs, 1 used, 3 free; VMs: 100 guest1 (running)")
                .containsPattern("0000:81:00\\.2 .* vfio-pci +VM 100");
        JsonNode json = json(CliDriver.run("pve", "status", "--snapshot", example, "-o", "json"));
        assertThat(json.get("via").asText()).endsWith("examples/guide-host/fs/etc/pve (pmxcfs files)");
        assertThat(json.at("/mappings/0/nodes/0/entries/0/heldBy").asInt()).isEqualTo(100);
    }

    @Test
    void helpDocumentsTheExitCodesAndTheSecretSources() {
        CliDriver.Result r = CliDriver.run("pve", "--help");
        assertThat(r.out()).contains("map").contains("attach").contains("status").contains("Exit codes").contains("docs/proxmox.md");
        CliDriver.Result m = CliDriver.run("pve", "map", "--help");
        assertThat(m.out()).contains("--token-file").contains("PVE_TOKEN_SECRET").contains("--fingerprint").contains("--vfs");
    }

    @Test
    void doctorPrefersTheApiWhenItsOptionsAreGiven() throws Exception {
        pve.cluster.mapping("network", null, "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=" + GuideHostSnapshot.vfSubsystemId() + ",iommugroup=45");
        pve.cluster.vm(100, "pve1", "web", true, "hostpci0: 0000:81:00.3");
        pve.cluster.vm(101, "pve1", "db", false, "hostpci2: 81:00.3,pcie=1");
        CliDriver.Result r = run("doctor", "-o", "json");
        JsonNode checks = json(r).get("checks");
        assertThat(checks).filteredOn(c -> c.get("id").asText().equals("pve-mapping-matches")).singleElement().satisfies(c -> {
            assertThat(c.get("status").asText()).isEqualTo("pass");
            assertThat(c.get("evidence").asText()).contains("mappings from the PVE API at https://127.0.0.1:" + pve.port());
        });
        assertThat(checks).filteredOn(c -> c.get("id").asText().equals("vf-single-assignment")).singleElement().satisfies(c -> {
            assertThat(c.get("status").asText()).isEqualTo("fail");
            assertThat(c.get("evidence").asText()).contains("given by raw address to 2 VMs: VM 100 (web) hostpci0, VM 101 (db) hostpci2");
        });
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
    }
}
