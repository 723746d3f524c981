package dev.sriovctl.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
import dev.sriovctl.cli.SriovctlCommand;
import dev.sriovctl.pve.FakeCluster;
import dev.sriovctl.pve.FakePve;
import dev.sriovctl.pve.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.sriovctl.ansible.AnsibleWorkspace.argv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's ansible-playbook runs the collection's rollout playbook (ansible/playbooks/rollout.yml)
 * against three simulated Proxmox nodes (sriovctl sim create --profile cx6lx-2p, connection local,
 * one {@code sriovctl_sim} directory each), the repository's guide host spec, and a PVE API over real
 * HTTPS ({@link FakePve}) with the token secret in an ansible-vault file. Each module call starts
 * this build's sriovctl ({@link SriovctlLauncher}).
 *
 * <p>The tests share one cluster and run in order: check mode, first run, second run, then VMs.
 * The fault test has a cluster of its own.
 */
@Tag("ansible")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutPlaybookTest {

    static final String SECRET = "5b1f0c2e-8d7a-4c3b-9e6f-a1b2c3d4e5f6";
    static final String TOKEN = "sriovctl@pve!ops";
    static final List<String> NODES = List.of("pve1", "pve2", "pve3");
    static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    Path playbook;
    AnsibleWorkspace ws;
    Path sriovctl;
    FakePve pve;
    final Map<String, Path> sims = new TreeMap<>();

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        dir = tmp;
        playbook = AnsibleTools.require("ansible-playbook", "ansible-core", getClass().getSimpleName());
        AnsibleTools.require("ansible-vault", "ansible-core", getClass().getSimpleName());
        ws = new AnsibleWorkspace(dir);
        Path train = sim("train");
        sriovctl = SriovctlLauncher.create(dir, train, guideSpec());
        pve = FakePve.start(TestCertificate.named("pve.invalid")).token(TOKEN, SECRET);
        for (String n : NODES) pve.cluster.node(n);
        pve.cluster.grant(TOKEN, "/mapping/pci", FakeCluster.MAPPING_ADMIN);
        pve.cluster.grant(TOKEN, "/vms", FakeCluster.VM_ADMIN);
        pve.cluster.grant(TOKEN, "/", FakeCluster.AUDITOR);
        for (String n : NODES) sims.put(n, sim(n));
        writeInventory(dir.resolve("inventory"), sims);
    }

    @AfterAll
    void tearDown() {
        if (pve != null) pve.close();
    }

    // ---- the shared cluster, in order ----------------------------------------------------------

    @Test
    @Order(1)
    void checkModeReportsChangesAndChangesNothing() {
        Map<String, Map<String, String>> before = states(sims);
        AnsibleWorkspace.Result r = rollout(dir.resolve("inventory"), "--check", "--diff");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.recap()).containsOnlyKeys(NODES);
        r.recap().forEach((host, recap) -> {
            assertThat(recap.changed()).as(host + "\n" + r.output()).isPositive();
            assertThat(recap.failed()).as(host).isZero();
        });
        for (String n : NODES) {
            assertThat(status(r, "Plan (sriovctl plan)", n)).isEqualTo("changed");
            assertThat(status(r, "Apply the spec (sriovctl apply)", n)).isEqualTo("skipping");
        }
        assertThat(r.output()).contains("+++ b/etc/network/interfaces.d/sriovctl").contains("+\tovs_type OVSBond");
        assertThat(states(sims)).as("every file of every simulated host, byte for byte").isEqualTo(before);
        assertThat(pve.writes()).as("the mapping play ran with --dry-run").isZero();
        assertNoSecret(r);
    }

    @Test
    @Order(2)
    void firstRunConvergesEveryNodeAndMapsItsVfs() throws Exception {
        assumeApply();
        AnsibleWorkspace.Result r = rollout(dir.resolve("inventory"));

        assertThat(r.exitCode()).as(r.output()).isZero();
        r.recap().forEach((host, recap) -> {
            assertThat(recap.changed()).as(host).isPositive();
            assertThat(recap.failed()).as(host).isZero();
        });
        for (String n : NODES) {
            assertThat(status(r, "Apply the spec (sriovctl apply)", n)).isEqualTo("changed");
            assertThat(status(r, "Map this node's VFs (sriovctl pve map)", n)).isEqualTo("changed");
            assertThat(status(r, "Health gate (sriovctl doctor)", n)).isEqualTo("ok");
            assertThat(plan(sims.get(n)).get("changes").asInt()).as(n + " converged").isZero();
            assertThat(pve.cluster.mappings.get("network").map).as("mapping entries of " + n)
                    .filteredOn(e -> e.startsWith("node=" + n + ",")).hasSize(4);
        }
        assertNoSecret(r);
    }

    @Test
    @Order(3)
    void secondRunChangesNothing() {
        assumeApply();
        Map<String, Map<String, String>> before = states(sims);
        long writes = pve.writes();
        AnsibleWorkspace.Result r = rollout(dir.resolve("inventory"));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.recap()).containsOnlyKeys(NODES);
        r.recap().forEach((host, recap) -> assertThat(recap.changed()).as(host + "\n" + r.output()).isZero());
        for (String n : NODES) {
            assertThat(status(r, "Apply the spec (sriovctl apply)", n)).as("nothing to apply on " + n).isEqualTo("skipping");
            assertThat(status(r, "Health gate (sriovctl doctor)", n)).isEqualTo("ok");
        }
        assertThat(states(sims)).isEqualTo(before);
        assertThat(pve.writes()).as("every mapping was already right").isEqualTo(writes);
    }

    @Test
    @Order(4)
    void vmsHoldingVfsStopTheRolloutUnlessDisruptionIsAllowed() throws Exception {
        assumeApply();
        pve.cluster.vm(100, "pve1", "web", true, "hostpci0: mapping=network,pcie=1", "machine: q35");
        Path twoVfs = dir.resolve("two-vfs.yaml");
        Files.writeString(twoVfs, Files.readString(guideSpec()).replace("vfs: 4", "vfs: 2"));
        Path fewer = vars("fewer-vfs.yml", "sriovctl_spec: \"{{ lookup('ansible.builtin.file', '" + twoVfs + "') }}\"\n");
        Map<String, Map<String, String>> before = states(sims);

        AnsibleWorkspace.Result stopped = rollout(dir.resolve("inventory"), "-e", "@" + fewer);

        assertThat(stopped.exitCode()).as(stopped.output()).isNotZero();
        assertThat(stopped.output()).contains("VMs 100 hold VFs on pve1").contains("sriovctl_allow_disruption=true");
        assertThat(stopped.recap()).containsOnlyKeys("pve1");
        assertThat(status(stopped, "Stop when VMs would lose their VFs", "pve1")).isEqualTo("fatal");
        assertThat(states(sims)).as("nothing changed anywhere").isEqualTo(before);

        // allowed: qm (a stand-in recording its argv) shuts VM 100 down, and starts it once pve1 is healthy
        Path bin = Files.createDirectories(dir.resolve("qm-bin"));
        Path qmLog = dir.resolve("qm.log");
        Files.writeString(bin.resolve("qm"), "#!/bin/sh\necho \"$*\" >> " + qmLog + "\n");
        Files.setPosixFilePermissions(bin.resolve("qm"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path allow = vars("allow.yml", "sriovctl_allow_disruption: true\n");
        AnsibleWorkspace allowed = new AnsibleWorkspace(Files.createDirectories(dir.resolve("allowed")))
                .env("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

        AnsibleWorkspace.Result r = allowed.run(argv(playbook, "-i", dir.resolve("inventory/hosts.yml"), "--vault-password-file", vaultPassword(),
                "-e", "@" + fewer, "-e", "@" + allow, "sriovctl.sriovctl.rollout"));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Files.readAllLines(qmLog)).containsExactly("shutdown 100 --timeout 300", "start 100");
        assertThat(status(r, "Shut down the VMs holding VFs (qm shutdown)", "pve1")).isEqualTo("changed");
        assertThat(status(r, "Take the VMs off this node's VFs", "pve2")).as("no VM holds a VF of pve2").isEqualTo("skipping");
        for (String n : NODES) {
            JsonNode pf0 = discover(sims.get(n)).get("nics").get(0).get("pfs").get(0);
            assertThat(pf0.get("numVfs").asInt()).as(n).isEqualTo(2);
            assertThat(pve.cluster.mappings.get("network").map).filteredOn(e -> e.startsWith("node=" + n + ",")).hasSize(2);
        }
        assertNoSecret(stopped);
        assertNoSecret(r);
    }

    // ---- a cluster of its own ------------------------------------------------------------------

    @Test
    void aFaultOnTheSecondNodeStopsTheRolloutThere() throws Exception {
        assumeApply();
        Map<String, Path> fresh = new TreeMap<>();
        for (String n : NODES) fresh.put(n, sim("fault-" + n));
        Path inventory = dir.resolve("fault-inventory");
        writeInventory(inventory, fresh);
        CliDriver.Result fault = CliDriver.run("sim", "fault", fresh.get("pve2").toString(), "write-eio",
                "/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs");
        assertThat(fault.exitCode()).as(fault.err()).isZero();
        Map<String, String> node3 = state(fresh.get("pve3"));

        AnsibleWorkspace.Result r = rollout(inventory);

        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.recap()).containsOnlyKeys("pve1", "pve2");
        assertThat(r.recap().get("pve1").failed()).isZero();
        assertThat(r.recap().get("pve2").failed()).isEqualTo(1);
        assertThat(status(r, "Apply the spec (sriovctl apply)", "pve1")).isEqualTo("changed");
        assertThat(status(r, "Apply the spec (sriovctl apply)", "pve2")).isEqualTo("fatal");
        assertThat(status(r, "Discover the node (sriovctl discover)", "pve3")).as("pve3 never started").isNull();
        assertThat(r.output()).contains("sriovctl apply: rolled back (step").contains("Input/output error");
        assertThat(plan(fresh.get("pve1")).get("changes").asInt()).as("pve1 still converged").isZero();
        assertThat(plan(fresh.get("pve2")).get("changes").asInt()).as("pve2 rolled back").isPositive();
        assertThat(state(fresh.get("pve3"))).as("pve3 untouched, byte for byte").isEqualTo(node3);
        assertNoSecret(r);
    }

    // ---- helpers -------------------------------------------------------------------------------

    AnsibleWorkspace.Result rollout(Path inventory, String... extra) {
        List<String> args = argv(playbook, "-i", inventory.resolve("hosts.yml"), "--vault-password-file", vaultPassword());
        args.addAll(List.of(extra));
        args.add("sriovctl.sriovctl.rollout");
        assertThat(args).noneMatch(a -> a.contains(SECRET));
        return ws.run(args);
    }

    static String status(AnsibleWorkspace.Result r, String task, String host) {
        return AnsibleWorkspace.taskStatus(r.output(), task, host);
    }

    static void assertNoSecret(AnsibleWorkspace.Result r) {
        assertThat(r.output()).doesNotContain(SECRET);
    }

    /** apply is built in parallel (issue 5); until it is in this build, the tests that converge skip. */
    static void assumeApply() {
        boolean present = SriovctlCommand.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()))
                .getSubcommands().containsKey("apply");
        Assumptions.assumeTrue(present, "APPLY-DEPENDENT ANSIBLE TEST SKIPPED: this build has no 'sriovctl apply' subcommand yet (issue 5)");
    }

    static Path guideSpec() {
        return Fixtures.repo().resolve("examples/guide-host.yaml").toAbsolutePath().normalize();
    }

    Path sim(String name) {
        Path d = dir.resolve("sims").resolve(name);
        CliDriver.Result r = CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "-o", d.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return d;
    }

    Path vaultPassword() {
        Path p = dir.resolve("vault-password");
        if (!Files.exists(p)) {
            try {
                Files.writeString(p, "test-vault-password\n");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    Path vars(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    /**
     * The inventory docs/ansible.md describes, for simulated nodes: hosts.yml with one sim directory
     * per node, group_vars/sriovctl_nodes/main.yml, and the token secret in an ansible-vault file.
     */
    void writeInventory(Path inventory, Map<String, Path> nodes) throws IOException {
        Path groupVars = Files.createDirectories(inventory.resolve("group_vars/sriovctl_nodes"));
        StringBuilder hosts = new StringBuilder("all:\n  children:\n    sriovctl_nodes:\n      hosts:\n");
        nodes.forEach((n, sim) -> hosts.append("        ").append(n).append(":\n          sriovctl_sim: ").append(sim).append('\n'));
        Files.writeString(inventory.resolve("hosts.yml"), hosts.toString());
        Files.writeString(groupVars.resolve("main.yml"), String.join("\n",
                "ansible_connection: local",
                "ansible_python_interpreter: \"{{ ansible_playbook_python }}\"",
                "sriovctl_executable: " + sriovctl,
                "sriovctl_spec: \"{{ lookup('ansible.builtin.file', '" + guideSpec() + "') }}\"",
                "sriovctl_pve_api: https://127.0.0.1:" + pve.port(),
                "sriovctl_pve_token_id: \"" + TOKEN + "\"",
                "sriovctl_pve_token_secret: \"{{ vault_sriovctl_pve_token_secret }}\"",
                "sriovctl_pve_fingerprint: " + pve.certificate.fingerprint().value(),
                "sriovctl_pve_mappings:",
                "  - {id: network, vfs: ['ovs-sw1pf0vf*'], description: VFs of sw1 port 0}",
                ""));
        Path vault = groupVars.resolve("vault.yml");
        Files.writeString(vault, "vault_sriovctl_pve_token_secret: " + SECRET + "\n");
        AnsibleWorkspace.Result enc = ws.run(argv(AnsibleTools.require("ansible-vault", "ansible-core", "vault"), "encrypt",
                "--vault-password-file", vaultPassword(), vault));
        assertThat(enc.exitCode()).as(enc.output()).isZero();
        assertThat(Files.readString(vault)).startsWith("$ANSIBLE_VAULT;").doesNotContain(SECRET);
    }

    static JsonNode plan(Path sim) throws IOException {
        CliDriver.Result r = CliDriver.run("plan", "--sim", sim.toString(), "-f", guideSpec().toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        return JSON.readTree(r.out());
    }

    static JsonNode discover(Path sim) throws IOException {
        CliDriver.Result r = CliDriver.run("discover", "--sim", sim.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static Map<String, Map<String, String>> states(Map<String, Path> sims) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        sims.forEach((n, d) -> out.put(n, state(d)));
        return out;
    }

    /** Every file of a simulated host (its lock excepted) with the SHA-256 of its bytes. */
    static Map<String, String> state(Path sim) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sim)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) || f.endsWith("sim/lock")) continue;
                out.put(sim.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
