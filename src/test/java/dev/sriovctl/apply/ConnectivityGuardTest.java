package dev.sriovctl.apply;

import dev.sriovctl.InputException;
import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectivityGuardTest {

    /** The journal's clock runs on the fake host's time, as a simulated host's would. */
    static Clock clockOf(FakeHost h) {
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return base.plus(h.clock);
            }
        };
    }

    record Run(FakeHost host, Journal journal, Executor executor, List<String> lines, JournalRecord record) {
        ConnectivityGuard guard(java.util.function.BooleanSupplier here) {
            return new ConnectivityGuard(host, journal, executor, lines::add, here);
        }
    }

    /** Every step of the executor test plan done; the guard is next. */
    static Run applied(FakeHost h, GuardRecord guard) {
        Journal j = new Journal(h, clockOf(h));
        List<String> lines = new ArrayList<>();
        Executor e = new Executor(h, j, lines::add);
        JournalRecord r = e.run("spec.yaml", null, ExecutorTest.steps(), guard);
        assertThat(r.state()).isEqualTo(RunState.RUNNING);
        return new Run(h, j, e, lines, r);
    }

    static GuardRecord guard(long seconds, String... probes) {
        return new GuardRecord(List.of(probes), seconds, null, null, "asked for");
    }

    static void ping(FakeHost h, int failuresFirst) {
        AtomicInteger calls = new AtomicInteger();
        h.commands.put("ping", a -> calls.incrementAndGet() <= failuresFirst
                ? new CommandResult(a, 1, "3 packets transmitted, 0 received, 100% packet loss, time 2003ms\n", "")
                : new CommandResult(a, 0, "3 packets transmitted, 3 received, 0% packet loss, time 2003ms\n", ""));
    }

    @Test
    void aProbeThatNeverAnswersRollsTheChangeBack() {
        FakeHost h = ExecutorTest.host();
        Map<String, String> before = h.state();
        ping(h, Integer.MAX_VALUE);
        Run run = applied(h, guard(0, "ping:192.168.1.1"));
        JournalRecord r = run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(ConnectivityProbe.parse("ping:192.168.1.1")), null, "/usr/bin/sriovctl");
        assertThat(r.state()).isEqualTo(RunState.ROLLED_BACK);
        assertThat(h.state()).isEqualTo(before);
        assertThat(r.events()).anyMatch(e -> e.contains("rolling back: probe failed within 30 s: ping:192.168.1.1: 3 packets transmitted, 0 received"));
        assertThat(h.log).contains("ping -n -q -c 1 -w 6 192.168.1.1");
    }

    @Test
    void aProbeIsRetriedWhileTheBondSettles() {
        FakeHost h = ExecutorTest.host();
        ping(h, 3);
        Run run = applied(h, guard(0, "ping:192.168.1.1"));
        JournalRecord r = run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(ConnectivityProbe.parse("ping:192.168.1.1")), null, "sriovctl");
        assertThat(r.state()).isEqualTo(RunState.CONVERGED);
        assertThat(h.text(ExecutorTest.NUMVFS0)).isEqualTo("4\n");
    }

    @Test
    void withoutAConfirmationTheChangeRollsBackWhenTheWindowEnds() {
        FakeHost h = ExecutorTest.host();
        Map<String, String> before = h.state();
        Run run = applied(h, guard(120));
        Duration start = h.clock;
        JournalRecord r = run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(), Duration.ofSeconds(120), "sriovctl");
        assertThat(r.state()).isEqualTo(RunState.ROLLED_BACK);
        assertThat(r.events()).anyMatch(e -> e.contains("rolling back: not confirmed within 120 s"));
        assertThat(h.state()).isEqualTo(before);
        assertThat(h.clock.minus(start)).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aConfirmationFromAnotherSessionKeepsTheNewState() {
        FakeHost h = ExecutorTest.host();
        Run run = applied(h, guard(120));
        AtomicInteger ticks = new AtomicInteger();
        h.onPause = () -> {
            // the administrator logs in again and confirms 10 s into the window
            if (ticks.incrementAndGet() == 10) assertThat(HostApply.confirm(h, clockOf(h)).outcome()).isEqualTo(Outcome.DONE);
        };
        JournalRecord r = run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(), Duration.ofSeconds(120), "sriovctl");
        assertThat(r.state()).isEqualTo(RunState.CONVERGED);
        assertThat(ticks.get()).isEqualTo(10);
        assertThat(h.text(ExecutorTest.NUMVFS0)).isEqualTo("4\n");
        assertThat(new Journal(h).read().orElseThrow().events()).anyMatch(e -> e.endsWith("confirmed by 'apply --confirm'"));
    }

    @Test
    void enterOnTheTerminalConfirms() {
        FakeHost h = ExecutorTest.host();
        Run run = applied(h, guard(120));
        AtomicInteger polls = new AtomicInteger();
        JournalRecord r = run.guard(() -> polls.incrementAndGet() == 3).hold(run.record(), List.of(), Duration.ofSeconds(120), "sriovctl");
        assertThat(r.state()).isEqualTo(RunState.CONVERGED);
        assertThat(run.lines()).anyMatch(l -> l.contains("or press Enter here"));
    }

    @Test
    void aSystemdTimerRollsBackShouldThisProcessDieAndIsStoppedOnConfirmation() {
        FakeHost h = ExecutorTest.host();
        List<List<String>> systemd = new ArrayList<>();
        h.commands.put("systemd-run", a -> {
            systemd.add(a);
            return FakeHost.ok(a, "");
        });
        h.commands.put("systemctl", a -> {
            systemd.add(a);
            return FakeHost.ok(a, "");
        });
        Run run = applied(h, guard(120));
        h.onPause = () -> {
            if (h.clock.toSeconds() > 60 && new Journal(h).read().orElseThrow().state() == RunState.AWAITING_CONFIRMATION) HostApply.confirm(h, clockOf(h));
        };
        JournalRecord r = run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(), Duration.ofSeconds(120), "/usr/bin/sriovctl");
        assertThat(r.state()).isEqualTo(RunState.CONVERGED);
        String unit = ConnectivityGuard.unitName(r.runId());
        assertThat(systemd.get(0)).containsExactly("systemd-run", "--unit=" + unit, "--on-active=135s", "--timer-property=AccuracySec=1s",
                "--description=sriovctl: roll back unconfirmed apply " + r.runId(), "/usr/bin/sriovctl", "apply", "--rollback=" + r.runId());
        assertThat(systemd).contains(List.of("systemctl", "stop", unit + ".timer"));
        assertThat(r.guard().timerUnit()).isEqualTo(unit);
    }

    @Test
    void whenThisProcessDiedTheTimersRollbackUndoesTheRunAndAnOlderTimerDoesNothing() {
        FakeHost h = ExecutorTest.host();
        Map<String, String> before = h.state();
        Run run = applied(h, guard(120));
        h.onPause = () -> {
            throw new FakeHost.Killed(); // the SSH session is cut: the waiting process dies
        };
        assertThatThrownBy(() -> run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(), Duration.ofSeconds(120), "sriovctl"))
                .isInstanceOf(FakeHost.Killed.class);
        h.onPause = () -> { };
        assertThat(HostApply.rollback(h, "20250101T000000.000Z", ApplyProgress.silent(), clockOf(h)).message()).startsWith("nothing to roll back");
        assertThat(new Journal(h).read().orElseThrow().state()).isEqualTo(RunState.AWAITING_CONFIRMATION);
        ApplyResult res = HostApply.rollback(h, run.record().runId(), ApplyProgress.silent(), clockOf(h));
        assertThat(res.outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.state()).isEqualTo(before);
        assertThat(new Journal(h).read().orElseThrow().state()).isEqualTo(RunState.ROLLED_BACK);
    }

    @Test
    void aRunAwaitingConfirmationBlocksANewApplyUntilItsDeadlineThenIsRolledBack() {
        FakeHost h = ExecutorTest.host();
        Map<String, String> before = h.state();
        killedInTheConfirmationWindow(h);
        Journal j = new Journal(h, clockOf(h));
        assertThatThrownBy(() -> Recovery.recover(j, new Executor(h, j, ApplyProgress.silent()))).isInstanceOf(InputException.class)
                .hasMessageContaining("awaits confirmation until").hasMessageContaining("sriovctl apply --confirm");
        h.clock = h.clock.plusSeconds(121);
        assertThat(Recovery.recover(j, new Executor(h, j, ApplyProgress.silent()))).contains("was not confirmed by").endsWith("rolled-back");
        assertThat(h.state()).isEqualTo(before);
    }

    @Test
    void aRebootDuringTheWindowRollsBackTheFilesAndToleratesTheKernelStateTheRebootReset() {
        FakeHost h = ExecutorTest.host();
        killedInTheConfirmationWindow(h);
        // reboot: new boot id, VFs gone, Open vSwitch settings and files kept
        h.file("/proc/sys/kernel/random/boot_id", "aaaaaaaa-0b4c-4f51-a4a3-3a0d2e7c3a11\n").file(ExecutorTest.NUMVFS0, "0\n").file(ExecutorTest.NUMVFS1, "0\n");
        Journal j = new Journal(h, clockOf(h));
        String done = Recovery.recover(j, new Executor(h, j, ApplyProgress.silent()));
        assertThat(done).startsWith("the host rebooted before run").endsWith("rolled-back");
        assertThat(h.text(ExecutorTest.IFACES)).isEqualTo(ExecutorTest.OLD_IFACES);
        assertThat(h.files).doesNotContainKey(ExecutorTest.RULES);
        assertThat(h.ovs.get("other_config")).isEmpty();
    }

    @Test
    void confirmWithNothingWaitingIsBadUsage() {
        FakeHost h = ExecutorTest.host();
        assertThatThrownBy(() -> HostApply.confirm(h, Clock.systemUTC())).isInstanceOf(InputException.class)
                .hasMessageContaining("no apply awaits confirmation");
    }

    @Test
    void probesParseTheDocumentedFormsAndRefuseOthers() {
        assertThat(ConnectivityProbe.parse("ping:192.168.1.1")).isEqualTo(new ConnectivityProbe.Ping("192.168.1.1"));
        assertThat(ConnectivityProbe.parse("ping:fe80::1%vmbr1")).isEqualTo(new ConnectivityProbe.Ping("fe80::1%vmbr1"));
        assertThat(ConnectivityProbe.parse("tcp:pve2.example.org:8006")).isEqualTo(new ConnectivityProbe.Tcp("pve2.example.org", 8006));
        assertThat(ConnectivityProbe.parse("tcp:[2001:db8::1]:22")).isEqualTo(new ConnectivityProbe.Tcp("2001:db8::1", 22));
        assertThatThrownBy(() -> ConnectivityProbe.parse("tcp:host")).isInstanceOf(InputException.class).hasMessageContaining("ping:ADDRESS");
        assertThatThrownBy(() -> ConnectivityProbe.parse("tcp:host:70000")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> ConnectivityProbe.parse("ping:a;rm -rf /")).isInstanceOf(InputException.class);
    }

    @Test
    void aTcpProbeOnThisMachineConnectsWithAJavaSocket() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ConnectivityProbe p = ConnectivityProbe.parse("tcp:127.0.0.1:" + s.getLocalPort());
            assertThat(p.check(new dev.sriovctl.host.LocalHost()).ok()).isTrue();
        }
        assertThat(ConnectivityProbe.parse("tcp:127.0.0.1:1").check(new dev.sriovctl.host.LocalHost()).ok()).isFalse();
    }

    /** Applies with a 120 s confirmation window and kills the process while it waits for the confirmation. */
    private void killedInTheConfirmationWindow(FakeHost h) {
        Run run = applied(h, guard(120));
        h.onPause = () -> {
            throw new FakeHost.Killed();
        };
        assertThatThrownBy(() -> run.guard(ConnectivityGuard.NEVER).hold(run.record(), List.of(), Duration.ofSeconds(120), "sriovctl"))
                .isInstanceOf(FakeHost.Killed.class);
        h.onPause = () -> { };
    }
}
