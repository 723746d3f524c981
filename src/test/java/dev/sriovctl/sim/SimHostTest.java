package dev.sriovctl.sim;

import dev.sriovctl.InputException;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.numvfs;
import static dev.sriovctl.sim.Sims.read;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host directory: persistence across processes, the lock, the on-disk mirror, faults, the clock. */
class SimHostTest {

    private static final String PF0 = "0000:81:00.0";

    @TempDir
    Path tmp;

    @Test
    void separateOpeningsSeeTheSameHost() {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            echo(h, numvfs(PF0), "3");
            h.writeFile("/etc/network/interfaces", "auto lo\n".getBytes(StandardCharsets.UTF_8), 0644);
        }
        try (SimHost h = SimHost.open(dir)) {
            assertThat(read(h, numvfs(PF0))).isEqualTo("3");
            assertThat(h.read("/etc/network/interfaces")).contains("auto lo\n");
            assertThat(h.list("/etc/network")).containsExactly("interfaces", "interfaces.d");
            assertThat(Sims.log(h)).contains("E-Switch: Enable: mode(LEGACY), nvfs(3), active vports(4)");
        }
    }

    @Test
    void aSecondUserWaitsForTheLockThenGivesUp() throws Exception {
        try (SimHost h = Sims.guideLike(tmp)) {
            Process p = SimCli.start(List.of("sim", "exec", h.directory().toString(), "--", "ip", "link"));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(3);
            assertThat(err).contains("is in use by another sriovctl process (sim/lock is locked)");
        }
    }

    @Test
    void theDirectoryIsASnapshotWithTheKernelsLayout() throws IOException {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            echo(h, numvfs(PF0), "2");
        }
        Path fs = dir.resolve("fs");
        assertThat(Files.readSymbolicLink(fs.resolve("sys/bus/pci/devices/0000:81:00.2")).toString())
                .isEqualTo("../../../devices/pci0000:80/0000:80:03.1/0000:81:00.2");
        assertThat(Files.isDirectory(fs.resolve("sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0/net/enp129s0f0np0"),
                LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(fs.resolve("sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0/sriov_numvfs"))).isEqualTo("2\n");
        try (SnapshotHost snap = SnapshotHost.open(dir)) {
            Inventory inv = InventoryBuilder.build(snap);
            assertThat(inv.pfs()).hasSize(2);
            assertThat(inv.pfs().get(0).vfs()).hasSize(2);
            assertThat(inv.pfs().get(0).vfs().get(0).iommuGroup()).isEqualTo(44);
        }
        // only the change is rewritten next time; entries that vanished are removed
        try (SimHost h = SimHost.open(dir)) {
            echo(h, numvfs(PF0), "0");
            h.persist();
            assertThat(h.syncMirror()).isBetween(1, 20);
        }
        assertThat(Files.exists(fs.resolve("sys/bus/pci/devices/0000:81:00.2"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(fs.resolve("sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0/sriov_numvfs"))).isEqualTo("0\n");
    }

    @Test
    void openRefusesWhatIsNotASimulatedHost() {
        assertThatThrownBy(() -> SimHost.open(tmp.resolve("nope"))).isInstanceOf(InputException.class)
                .hasMessageContaining("simulated host not found");
        assertThatThrownBy(() -> SimHost.open(tmp)).isInstanceOf(InputException.class).hasMessageContaining("not a simulated host");
    }

    @Test
    void pauseAdvancesTheSimulatedClock() {
        try (SimHost h = Sims.guideLike(tmp)) {
            long before = System.nanoTime();
            h.pause(Duration.ofSeconds(30));
            assertThat(System.nanoTime() - before).isLessThan(Duration.ofSeconds(5).toNanos());
            echo(h, numvfs(PF0), "1");
            String last = h.kernelLog().get(h.kernelLog().size() - 1);
            assertThat(Double.parseDouble(last.substring(1, last.indexOf(']')).strip())).isGreaterThan(30.0);
        }
    }

    @Test
    void aFailingCommandAnswersAsInjected() {
        try (SimHost h = Sims.guideLike(tmp)) {
            h.failCommand(List.of("devlink", "dev", "eswitch", "set"), 1, "kernel answers: Invalid argument");
            CommandResult r = run(h, "/usr/sbin/devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("kernel answers: Invalid argument\n");
            assertThat(run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0).stdout()).contains("mode legacy");
            assertThat(h.faults()).containsExactly("command fails (exit 1): devlink dev eswitch set ...");
            h.clearFaults();
            assertThat(run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev").exitCode()).isZero();
        }
    }

    @Test
    void aWriteCanFailWithAnIoError() {
        try (SimHost h = Sims.guideLike(tmp)) {
            h.failWrites("/sys/class/net/enp129s0f0np0/device/sriov_numvfs");
            assertThat(echo(h, numvfs(PF0), "2")).isEqualTo("Input/output error");
            assertThatThrownBy(() -> h.writeAttribute(numvfs(PF0), "2")).isInstanceOf(HostException.class)
                    .hasMessage("write error: /sys/bus/pci/devices/0000:81:00.0/sriov_numvfs: Input/output error");
            assertThat(read(h, numvfs(PF0))).isEqualTo("0");
        }
    }

    @Test
    void aCrashStopsBeforeTheOperationAfterTheCountAndKeepsWhatWasDone() {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            h.setCrasher(() -> {
                throw new IllegalStateException("crashed");
            });
            h.crashAfter(2);
            echo(h, "/sys/class/net/enp129s0f0np0/mtu", "9000");
            echo(h, numvfs(PF0), "2");
            assertThatThrownBy(() -> echo(h, "/sys/class/net/enp129s0f1np1/mtu", "9000")).hasMessage("crashed");
            assertThat(h.faults()).isEmpty();
        }
        try (SimHost h = SimHost.open(dir)) {
            assertThat(read(h, numvfs(PF0))).isEqualTo("2");
            assertThat(read(h, "/sys/class/net/enp129s0f1np1/mtu")).isEqualTo("1500");
        }
    }

    @Test
    void aCrashKillsTheProcessLikeKillMinusNine() throws Exception {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            h.crashAfter(1);
        }
        String d = dir.toString();
        assertThat(SimCli.exit(List.of("sim", "write", d, numvfs(PF0), "2"))).isZero();
        Process p = SimCli.start(List.of("sim", "write", d, "/sys/class/net/enp129s0f0np0/mtu", "9000"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(read(h, numvfs(PF0))).isEqualTo("2");
            assertThat(read(h, "/sys/class/net/enp129s0f0np0/mtu")).isEqualTo("1500");
            assertThat(h.faults()).isEmpty();
        }
    }

    @Test
    void emulationsKeepTheirStateInTheHost() {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            h.setExtension("example", SimStore.JSON.valueToTree(Map.of("bridges", List.of("vmbr1"))));
        }
        try (SimHost h = SimHost.open(dir)) {
            assertThat(h.extension("example").get("bridges").get(0).asText()).isEqualTo("vmbr1");
            assertThat(h.extension("absent")).isNull();
        }
    }

    @Test
    void commandsTheHostDoesNotHaveAreNotKnown() {
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(h.run(List.of("pvesh", "get", "/nodes"))).isEmpty();
            assertThat(h.run(new ArrayList<>())).isEmpty();
        }
    }
}
