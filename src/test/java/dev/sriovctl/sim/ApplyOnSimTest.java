package dev.sriovctl.sim;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.ConnectivityProbe;
import dev.sriovctl.apply.Outcome;
import dev.sriovctl.cli.CliDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sriovctl apply} on a simulated ConnectX-6 Lx host: live convergence, idempotence, rollback. */
class ApplyOnSimTest {

    @TempDir
    Path tmp;

    @Test
    void aFreshHostConvergesWithoutARebootAndASecondApplyTouchesNothing() throws IOException {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        CliDriver.Result first = CliDriver.run("apply", "--sim", dir.toString(), "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("[27/27] EnableUnit sriovctl-post.service: enable ... ok")
                .contains("converged: 27 changes applied and verified");
        try (SimHost h = SimHost.open(dir)) {
            assertThat(Sims.read(h, Sims.numvfs("0000:81:00.0"))).isEqualTo("4");
            assertThat(Sims.run(h, "devlink", "dev", "eswitch", "show", "pci/0000:81:00.1").stdout()).contains("mode switchdev");
            assertThat(Sims.net(h, "0000:81:00.0")).contains("enp129s0f0np0", "ovs-sw1pf0vf0", "ovs-sw1pf0vf3");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00.5/driver")).hasValueSatisfying(l -> assertThat(l).endsWith("/vfio-pci"));
            assertThat(Sims.run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout()).isEqualTo("bond1\novs-sw1pf0vf0\novs-sw1pf0vf1\novs-sw1pf0vf2\novs-sw1pf0vf3\n");
            assertThat(Sims.run(h, "ovs-appctl", "bond/show", "bond1").stdout()).contains("lacp_status: negotiated")
                    .contains("lacp_fallback_ab: true");
            assertThat(Sims.run(h, "ovs-vsctl", "get", "Open_vSwitch", ".", "other_config").stdout())
                    .contains("hw-offload=\"true\"").contains("tc-policy=skip_sw");
            assertThat(h.exists("/etc/systemd/system/multi-user.target.wants/sriovctl-pre.service")).isTrue();
        }
        Map<String, String> before = files(dir);
        CliDriver.Result second = CliDriver.run("apply", "--sim", dir.toString(), "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo("unchanged: 0 changes: the host already matches the spec; nothing was touched\n");
        assertThat(files(dir)).as("every file of the simulated host, with its modification time").isEqualTo(before);
    }

    @Test
    void aFailedProbeRestoresFilesOpenVswitchAndKernelExactly() {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        Map<String, String> before = SimApply.state(dir, false);
        // the simulated host has no ping: the probe cannot answer
        ApplyResult r = SimApply.apply(dir, ApplyOptions.defaults().withProbes(List.of(ConnectivityProbe.parse("ping:192.168.1.254"))));
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.message()).startsWith("rolled back (probe failed within 30 s: ping:192.168.1.254: ping is not available")
                .endsWith("every reading matches the checkpoint");
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo("undone"));
        assertThat(SimApply.state(dir, false)).isEqualTo(before);
    }

    @Test
    void aStepThatFailsRollsBackEverythingBeforeItAndExitsOne() {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        Map<String, String> before = SimApply.state(dir, false);
        try (SimHost h = SimHost.open(dir)) {
            h.failCommand(List.of("devlink", "dev", "eswitch", "set", "pci/0000:81:00.1"), 1, "Error: mlx5_core: Failed setting eswitch to offloads.");
        }
        Map<String, String> withFault = SimApply.state(dir, false);
        CliDriver.Result r = CliDriver.run("apply", "--sim", dir.toString(), "-f", SimApply.GUIDE_SPEC.toString(), "-o", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"outcome\" : \"rolled-back\"").contains("Failed setting eswitch to offloads");
        assertThat(r.err()).contains("[12/27] SetEswitchMode 0000:81:00.1 (enp129s0f1np1): legacy -> switchdev ... failed");
        assertThat(SimApply.state(dir, false)).isEqualTo(withFault);
        assertThat(withFault).isNotEqualTo(before); // the fault itself is state
    }

    @Test
    void aSnapshotIsRefusedAsReadOnly() {
        CliDriver.Result r = CliDriver.run("apply", "--snapshot", dev.sriovctl.Fixtures.repo().resolve("examples/guide-host").toString(),
                "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("a captured snapshot is read-only");
    }

    /** Every regular file and symlink with its content digest and modification time. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) continue;
                out.put(dir.relativize(p).toString(), a.lastModifiedTime() + " " + a.size() + " "
                        + (a.isSymbolicLink() ? Files.readSymbolicLink(p) : Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p)))));
            }
        }
        return out;
    }

    /** The guide's spec with {@code from} replaced by {@code to}, written next to the host. */
    Path spec(String from, String to) throws IOException {
        String text = Files.readString(SimApply.GUIDE_SPEC);
        assertThat(text).contains(from);
        Path p = tmp.resolve("spec-" + Integer.toHexString(to.hashCode()) + ".yaml");
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    Path converged() {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        assertThat(SimApply.apply(dir, ApplyOptions.defaults()).outcome()).isEqualTo(Outcome.CONVERGED);
        return dir;
    }

    @Test
    void vfsHeldByVmsBlockACountChangeUnlessDisruptionIsAllowed() throws IOException {
        Path dir = converged();
        Path two = spec("vfs: 4", "vfs: 2");
        Map<String, String> before = files(dir);
        CliDriver.Result refused = CliDriver.run("apply", "--sim", dir.toString(), "-f", two.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).startsWith("refused: 1 blocker(s) in the plan; nothing was changed: ")
                .contains("bound to vfio-pci (likely passed to running VMs)").contains("--allow-disruption");
        assertThat(files(dir)).isEqualTo(before);
        CliDriver.Result allowed = CliDriver.run("apply", "--sim", dir.toString(), "-f", two.toString(), "--allow-disruption", "--no-guard");
        assertThat(allowed.exitCode()).as(allowed.out()).isZero();
        try (SimHost h = SimHost.open(dir)) {
            assertThat(Sims.read(h, Sims.numvfs("0000:81:00.0"))).isEqualTo("2");
            assertThat(Sims.run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout()).isEqualTo("bond1\novs-sw1pf0vf0\novs-sw1pf0vf1\n");
        }
    }

    @Test
    void theGuardIsOnByDefaultForTheBridgeCarryingAnAddressAndRollsBackWhenNobodyConfirms() throws IOException {
        Path dir = converged();
        Map<String, String> before = SimApply.state(dir, false);
        Path mtu = spec("mtu: 9000", "mtu: 8000");
        CliDriver.Result r = CliDriver.run("apply", "--sim", dir.toString(), "-f", mtu.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("connectivity guard on by default: the plan changes vmbr1, which carries an address you may be connected through")
                .contains("confirm within 120 s with 'sriovctl apply --confirm'")
                .contains("rolled-back: rolled back (not confirmed within 120 s)");
        assertThat(SimApply.state(dir, false)).isEqualTo(before);
        CliDriver.Result unguarded = CliDriver.run("apply", "--sim", dir.toString(), "-f", mtu.toString(), "--no-guard");
        assertThat(unguarded.exitCode()).as(unguarded.out()).isZero();
        try (SimHost h = SimHost.open(dir)) {
            assertThat(h.read("/sys/class/net/enp129s0f0np0/mtu").orElseThrow().strip()).isEqualTo("8000");
        }
    }

    @Test
    void rollingBackADisruptiveChangeMakesTheVfsAgainWithTheirDriversNamesAndPorts() throws IOException {
        Path dir = converged();
        Map<String, String> before = SimApply.state(dir, true);
        // two VFs instead of four destroys all four; the guard (vmbr1 loses two ports) is not confirmed
        CliDriver.Result r = CliDriver.run("apply", "--sim", dir.toString(), "-f", spec("vfs: 4", "vfs: 2").toString(), "--allow-disruption");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("rolled-back: rolled back (not confirmed within 120 s)")
                .contains("after the undos: udevadm trigger --action=add --subsystem-match=net ... ok")
                .contains("after the undos: ifreload -a ... ok");
        // the VFs are new devices (other ifindexes, OVS rows), the same in everything else
        assertThat(SimApply.state(dir, true)).isEqualTo(before);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00.5/driver")).hasValueSatisfying(l -> assertThat(l).endsWith("/vfio-pci"));
            assertThat(Sims.net(h, "0000:81:00.0")).contains("ovs-sw1pf0vf3");
            assertThat(Sims.read(h, "/sys/class/net/ovs-sw1pf0vf3/mtu")).isEqualTo("9000");
        }
    }

    @Test
    void confirmAndRollbackWithNothingWaitingSaySo() {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        CliDriver.Result confirm = CliDriver.run("apply", "--sim", dir.toString(), "--confirm");
        assertThat(confirm.exitCode()).isEqualTo(2);
        assertThat(confirm.err()).contains("no apply awaits confirmation");
        CliDriver.Result rollback = CliDriver.run("apply", "--sim", dir.toString(), "--rollback");
        assertThat(rollback.exitCode()).isZero();
        assertThat(rollback.out()).isEqualTo("done: nothing to roll back: the journal is empty\n");
        CliDriver.Result none = CliDriver.run("apply", "--sim", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("apply needs the spec");
    }

    @Test
    void jsonOutputCarriesEveryStepWithWhatHappened() throws IOException {
        Path dir = SimApply.freshGuideHost(tmp.resolve("pve1"));
        CliDriver.Result r = CliDriver.run("apply", "--sim", dir.toString(), "-f", SimApply.GUIDE_SPEC.toString(), "-o", "json");
        assertThat(r.exitCode()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("converged");
        assertThat(j.get("changes").asInt()).isEqualTo(27);
        assertThat(j.get("journal").asText()).isEqualTo("/var/lib/sriovctl/journal.json");
        assertThat(j.get("steps")).hasSize(27);
        com.fasterxml.jackson.databind.JsonNode s = j.get("steps").get(3);
        assertThat(s.get("step").asText()).isEqualTo("SetNumVfs");
        assertThat(s.get("status").asText()).isEqualTo("done");
        assertThat(s.get("bootPhase").asText()).isEqualTo("pre");
        assertThat(s.get("detail").asText()).isEqualTo("1 read-back hold");
        for (String f : List.of("host", "spec", "phase", "outcome", "runId", "changes", "steps", "recovered", "guard", "differences",
                "events", "journal", "message")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(r.err()).contains("[27/27] EnableUnit");
    }
}
