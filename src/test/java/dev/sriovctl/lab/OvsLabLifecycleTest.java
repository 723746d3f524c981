package dev.sriovctl.lab;

import dev.sriovctl.observe.OvsBondShowParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Labs do not clash, and nothing a lab makes outlives it: close, and the sweep after runs that could not close. */
@Tag("lab")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OvsLabLifecycleTest {

    @BeforeAll
    static void labCanRun() {
        OvsLabExtension.assumeLabCanRun(LabTopology.guideHost(1), "OvsLabLifecycleTest");
    }

    @Test
    void closeStopsTheDaemonsKillsLeftoversAndDeletesNamespacesAndDirectory() throws Exception {
        OvsLab lab = OvsLab.start(LabTopology.guideHost(1));
        long vswitchd = lab.pid("ovs-vswitchd").orElseThrow();
        long ovsdb = lab.pid("ovsdb-server").orElseThrow();
        // a leftover like an iperf3 server whose client never came (README section 8, item 10)
        Process leftover = lab.startInNamespace(lab.vmNamespace(0), List.of("sleep", "60"), "sleep.txt");
        Path dir = lab.dir();

        lab.close();

        assertThat(LabProcesses.gone(vswitchd)).as("ovs-vswitchd gone").isTrue();
        assertThat(LabProcesses.gone(ovsdb)).as("ovsdb-server gone").isTrue();
        assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).as("leftover process killed").isTrue();
        assertThat(LabReaper.namespaces()).noneMatch(n -> n.startsWith(LabReaper.PREFIX + lab.name() + "-"));
        assertThat(dir).doesNotExist();
        dev.sriovctl.host.CommandResult active = new LabHost(lab).run(List.of("systemctl", "is-active", "ovs-vswitchd")).orElseThrow();
        assertThat(active.exitCode()).isEqualTo(3);
        assertThat(active.stdout()).isEqualTo("inactive\n");
        lab.close(); // idempotent
    }

    @Test
    void twoLabsRunSideBySideWithoutSharingAnything() {
        try (OvsLab a = OvsLab.start(LabTopology.guideHost(0)); OvsLab b = OvsLab.start(LabTopology.guideHost(0))) {
            assertThat(a.switchNamespace()).isNotEqualTo(b.switchNamespace());
            assertThat(a.ovsEnvironment().get("OVS_RUNDIR")).isNotEqualTo(b.ovsEnvironment().get("OVS_RUNDIR"));
            String idA = a.vsctlOk("get", "Open_vSwitch", ".", "external_ids:system-id");
            String idB = b.vsctlOk("get", "Open_vSwitch", ".", "external_ids:system-id");
            assertThat(idA).isNotEqualTo(idB);

            a.close();

            // the same interface names exist in b's namespaces, untouched by a's teardown
            assertThat(b.ipOk(b.switchNamespace(), "-br", "link", "show", "dev", "enp129s0f0np0")).contains("UP");
            assertThat(b.bondShow()).extracting(OvsBondShowParser.BondStatus::name).containsExactly(LabTopology.TOR_BOND);
            assertThat(b.vsctlOk("get", "Open_vSwitch", ".", "external_ids:system-id")).isEqualTo(idB);
        }
    }

    @Test
    void theSweepRemovesALabWhoseJvmIsGoneWithTheProcessesInside() throws Exception {
        long dead = deadPid();
        String ns = LabReaper.PREFIX + dead + "-1-sw";
        Path dir = LabReaper.labRoot().resolve(dead + "-1");
        LabProcesses.check(List.of("ip", "netns", "add", ns), Map.of());
        Files.createDirectories(dir.resolve("run"));
        Process inside = LabProcesses.start(List.of("ip", "netns", "exec", ns, "sleep", "60"), Map.of(),
                Files.createTempFile("lab-reaper", ".txt"));
        awaitPidIn(ns);

        List<String> removed = LabReaper.sweepStale(quiet());

        assertThat(removed).contains(ns, dir.toString());
        assertThat(LabReaper.namespaces()).doesNotContain(ns);
        assertThat(inside.waitFor(5, TimeUnit.SECONDS)).as("process inside the stale namespace killed").isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void theSweepLeavesLabsOfARunningJvmAlone() {
        String ns = LabReaper.PREFIX + ProcessHandle.current().pid() + "-999999-sw";
        LabProcesses.check(List.of("ip", "netns", "add", ns), Map.of());
        try {
            assertThat(LabReaper.sweepStale(quiet())).doesNotContain(ns);
            assertThat(LabReaper.namespaces()).contains(ns);
        } finally {
            LabReaper.deleteNamespace(ns);
        }
    }

    /** A pid that just exited (and was reaped): nothing runs under it. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(LabProcesses.gone(pid)).isTrue();
        return pid;
    }

    private static void awaitPidIn(String ns) {
        for (int i = 0; i < 200; i++) {
            if (!LabProcesses.check(List.of("ip", "netns", "pids", ns), Map.of()).isBlank()) return;
            LabProcesses.sleep(Duration.ofMillis(10));
        }
        throw new AssertionError("no process appeared in " + ns);
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
