package dev.sriovctl.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
import dev.sriovctl.pve.FakeCluster;
import dev.sriovctl.pve.FakePve;
import dev.sriovctl.pve.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.sriovctl.ansible.AnsibleWorkspace.argv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module of the collection called by Debian's {@code ansible-playbook} (a one-task playbook,
 * connection local) on a simulated host, its registered result read back as JSON: what it returns, that it
 * fails with sriovctl's own words and exit code, and that the documentation of every module parses
 * ({@code ansible-doc}).
 */
@Tag("ansible")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SriovctlModulesTest {

    static final String SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    static final String TOKEN = "sriovctl@pve!ops";
    static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    AnsibleWorkspace ws;
    Path sriovctl;
    Path sim;
    FakePve pve;

    @BeforeAll
    void setUp(@TempDir Path tmp) throws IOException {
        dir = tmp;
        playbook();
        ws = new AnsibleWorkspace(dir);
        sim = dir.resolve("pve1");
        CliDriver.Result created = CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "-o", sim.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        sriovctl = SriovctlLauncher.create(dir, sim, guideSpec());
        Files.writeString(dir.resolve("hosts"), "localhost ansible_connection=local ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n");
        pve = FakePve.start(TestCertificate.named("pve.invalid")).token(TOKEN, SECRET);
        pve.cluster.node("pve1");
        pve.cluster.grant(TOKEN, "/", FakeCluster.AUDITOR);
        pve.cluster.mapping("network", "VFs", "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45");
        pve.cluster.vm(100, "pve1", "web", true, "hostpci0: mapping=network");
    }

    @AfterAll
    void tearDown() {
        if (pve != null) pve.close();
    }

    @Test
    void factsAreTheDiscoverJson() throws IOException {
        JsonNode r = module("sriovctl_facts", Map.of());

        assertThat(r.path("failed").asBoolean()).as(r.toString()).isFalse();
        JsonNode facts = r.get("ansible_facts").get("sriovctl");
        assertThat(facts.get("hostname").asText()).isEqualTo("pve1");
        assertThat(facts.get("nics").get(0).get("pfs")).hasSize(2);
        assertThat(facts.get("nics").get(0).get("pfs").get(0).get("eswitchMode").asText()).isEqualTo("legacy");
    }

    @Test
    void checkModeIsThePlanWithItsFileDiffsAndChangesNothing() throws IOException {
        Map<String, String> before = RolloutPlaybookTest.state(sim);

        JsonNode r = module("sriovctl_host", Map.of("spec_file", guideSpec().toString()), "--check", "--diff");

        assertThat(r.path("failed").asBoolean()).as(r.toString()).isFalse();
        assertThat(r.get("changed").asBoolean()).isTrue();
        assertThat(r.get("plan").get("changes").asInt()).isPositive();
        assertThat(r.get("apply").isNull()).isTrue();
        assertThat(r.get("diff").findValuesAsText("prepared")).anyMatch(d -> d.contains("+++ b/etc/network/interfaces.d/sriovctl"));
        assertThat(r.get("doctor").get("checks")).isNotEmpty();
        assertThat(RolloutPlaybookTest.state(sim)).isEqualTo(before);
    }

    @Test
    void anInvalidInlineSpecFailsWithSriovctlsOwnErrorAndExitCode() throws IOException {
        String spec = "version: 1\nnics:\n  - name: sw1\n    ports:\n      - pf: nosuch\n        vfs: 4\n";

        JsonNode r = module("sriovctl_host", Map.of("spec", spec), "--check");

        assertThat(r.get("failed").asBoolean()).isTrue();
        assertThat(r.get("rc").asInt()).isEqualTo(2);
        assertThat(r.get("msg").asText()).startsWith("sriovctl plan failed (exit 2): error: (inline spec):5:13: unknown PF 'nosuch'")
                .contains("valid: enp129s0f0np0 (0000:81:00.0), enp129s0f1np1 (0000:81:00.1)");
    }

    @Test
    void doctorGatesOnAFailedCheckOrOnlyReports() throws IOException {
        JsonNode gate = module("sriovctl_doctor", Map.of("spec_file", guideSpec().toString()));
        JsonNode report = module("sriovctl_doctor", Map.of("spec_file", guideSpec().toString(), "gate", "false"));

        assertThat(gate.get("failed").asBoolean()).isTrue();
        assertThat(gate.get("rc").asInt()).isEqualTo(1);
        assertThat(gate.get("msg").asText()).startsWith("health gate: sriovctl doctor found").contains("vf-count (");
        assertThat(report.path("failed").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("failed_checks")).isNotEmpty();
        assertThat(report.get("doctor").get("checks").findValuesAsText("id")).contains("vf-count", "eswitch-switchdev");
    }

    @Test
    void pveStatusReachesTheApiWithTheSecretOnlyInTheEnvironment() throws IOException {
        Map<String, String> args = Map.of("command", "status", "node", "pve1", "api", "https://127.0.0.1:" + pve.port(),
                "token_id", TOKEN, "token_secret", "{{ secret }}", "fingerprint", pve.certificate.fingerprint().value());
        Path vars = Files.writeString(dir.resolve("secret.yml"), "secret: " + SECRET + "\n");

        JsonNode r = module("sriovctl_pve", args, "-e", "@" + vars);

        assertThat(r.path("failed").asBoolean()).as(r.toString()).isFalse();
        JsonNode node = r.get("status").get("mappings").get(0).get("nodes").get(0);
        assertThat(node.get("node").asText()).isEqualTo("pve1");
        assertThat(node.get("vms").get(0).get("vmid").asInt()).isEqualTo(100);
        assertThat(r.toString()).doesNotContain(SECRET);
        assertThat(lastOutput).doesNotContain(SECRET);
    }

    @Test
    void pveWithoutAnyWayToTheApiFailsWithSriovctlsReason() throws IOException {
        JsonNode r = module("sriovctl_pve", Map.of("command", "status"));

        assertThat(r.get("failed").asBoolean()).isTrue();
        assertThat(r.get("rc").asInt()).isEqualTo(2);
        assertThat(r.get("msg").asText()).contains("no way to reach the PVE API");
    }

    @Test
    void aMissingSriovctlIsNamed() throws IOException {
        JsonNode r = module("sriovctl_facts", Map.of("executable", "sriovctl-not-installed"));

        assertThat(r.get("failed").asBoolean()).isTrue();
        assertThat(r.get("msg").asText()).isEqualTo("sriovctl-not-installed not found on this node: install the sriovctl Debian package, or set the executable option");
    }

    @Test
    void everyModuleIsDocumented() {
        Path doc = AnsibleTools.require("ansible-doc", "ansible-core", getClass().getSimpleName());
        for (String m : List.of("sriovctl_host", "sriovctl_facts", "sriovctl_doctor", "sriovctl_pve")) {
            AnsibleWorkspace.Result r = ws.run(argv(doc, "-t", "module", "sriovctl.sriovctl." + m));
            assertThat(r.exitCode()).as(m + "\n" + r.output()).isZero();
            assertThat(r.output()).contains("> SRIOVCTL.SRIOVCTL." + m.toUpperCase()).contains("EXAMPLES:").contains("RETURN VALUES:");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    String lastOutput = "";

    /**
     * Runs one module on localhost (with sim and executable set unless given) in a one-task playbook and
     * returns what the task registered (failed, rc, msg, diff and the module's own keys).
     */
    JsonNode module(String name, Map<String, String> args, String... extra) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("sim", sim.toString());
        all.put("executable", sriovctl.toString());
        all.putAll(args);
        Path out = Files.createTempFile(dir, "result-", ".json");
        Path playbook = Files.writeString(Files.createTempFile(dir, "call-", ".yml"), String.join("\n",
                "- name: Call " + name,
                "  hosts: localhost",
                "  gather_facts: false",
                "  tasks:",
                "    - name: Call the module",
                "      sriovctl.sriovctl." + name + ": " + JSON.writeValueAsString(all),
                "      register: result",
                "      ignore_errors: true",
                "    - name: Keep what it returned",
                "      ansible.builtin.copy:",
                "        content: \"{{ result | to_json }}\"",
                "        dest: " + out,
                "        mode: '0600'",
                "      check_mode: false",
                "      diff: false",
                ""));
        List<String> argv = new ArrayList<>(argv(playbook(), "-i", dir.resolve("hosts"), playbook));
        argv.addAll(List.of(extra));
        assertThat(argv).noneMatch(a -> a.contains(SECRET));
        AnsibleWorkspace.Result r = ws.run(argv);
        lastOutput = r.output();
        assertThat(r.exitCode()).as(r.output()).isZero();
        return JSON.readTree(Files.readString(out));
    }

    Path playbook() {
        return AnsibleTools.require("ansible-playbook", "ansible-core", getClass().getSimpleName());
    }

    static Path guideSpec() {
        return Fixtures.repo().resolve("examples/guide-host.yaml").toAbsolutePath().normalize();
    }
}
