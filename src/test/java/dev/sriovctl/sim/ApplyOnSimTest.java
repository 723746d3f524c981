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
}
