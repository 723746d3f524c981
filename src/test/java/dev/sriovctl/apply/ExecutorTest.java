package dev.sriovctl.apply;

import dev.sriovctl.Progress;

import dev.sriovctl.plan.PriorFile;
import dev.sriovctl.plan.ReloadUdevRules;
import dev.sriovctl.plan.SetNumVfs;
import dev.sriovctl.plan.SetOvsOtherConfig;
import dev.sriovctl.plan.Step;
import dev.sriovctl.plan.WriteFile;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorTest {

    static final String PF0 = "0000:81:00.0";
    static final String PF1 = "0000:81:00.1";
    static final String RULES = "/etc/udev/rules.d/70-sriovctl-" + PF0 + ".rules";
    static final String IFACES = "/etc/network/interfaces.d/sriovctl";
    static final String OLD_IFACES = "# managed by sriovctl\niface old\n";
    static final String NUMVFS0 = "/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs";
    static final String NUMVFS1 = "/sys/bus/pci/devices/" + PF1 + "/sriov_numvfs";

    static FakeHost host() {
        return new FakeHost().file(IFACES, OLD_IFACES).file(NUMVFS0, "0\n").file(NUMVFS1, "0\n");
    }

    /** A plan over all the layers the fake host has: a new file, a replaced file, udev, VFs, Open vSwitch. */
    static List<Step> steps() {
        return List.of(
                new WriteFile(RULES, "# managed by sriovctl\nSUBSYSTEM==\"net\"\n", 0644, null, "rules"),
                new ReloadUdevRules(List.of(new PriorFile(RULES, null, 0644)), "reload"),
                new SetNumVfs(PF0, "enp129s0f0np0", 0, 4, "vfs", false),
                new SetOvsOtherConfig(Map.of("hw-offload", "true"), Map.of(), List.of("hw-offload"), "offload"),
                new WriteFile(IFACES, "# managed by sriovctl\niface new\n", 0644, OLD_IFACES, "stanzas"),
                new SetNumVfs(PF1, "enp129s0f1np1", 0, 2, "vfs", false));
    }

    static Executor executor(FakeHost h, List<String> lines) {
        return new Executor(h, new Journal(h, Clock.systemUTC()), lines::add);
    }

    @Test
    void runsEveryStepInOrderAndWritesTheJournalBeforeAndAfterEach() {
        FakeHost h = host();
        List<String> lines = new ArrayList<>();
        JournalRecord r = executor(h, lines).run("spec.yaml", null, steps(), null);
        assertThat(r.state()).isEqualTo(RunState.RUNNING);
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.DONE));
        assertThat(h.text(NUMVFS0)).isEqualTo("4\n");
        assertThat(h.ovs.get("other_config")).containsEntry("hw-offload", "true");
        assertThat(h.ovs.get("external_ids")).containsEntry("sriovctl/other_config/hw-offload", "true");
        // journal: once when the run starts, then before and after each step
        List<String> journalWrites = h.log.stream().filter(l -> l.equals("write " + Journal.FILE)).toList();
        assertThat(journalWrites).hasSize(1 + 2 * steps().size());
        List<String> order = h.log.stream().filter(l -> !l.startsWith("write " + Journal.DIR)).toList();
        assertThat(order).containsExactly("write " + RULES, "udevadm control --reload", "echo 4 > " + NUMVFS0,
                "ovs-vsctl set Open_vSwitch . other_config:hw-offload=true external_ids:sriovctl/other_config/hw-offload=true",
                "write " + IFACES, "echo 2 > " + NUMVFS1);
        assertThat(lines).anyMatch(l -> l.startsWith("[3/6] SetNumVfs 0000:81:00.0 (enp129s0f0np0): 0 -> 4 VFs ... ok"));
    }

    @Test
    void theCheckpointReadsWhatTheStepsReadBackAndBacksUpEveryFileTheyReplace() {
        FakeHost h = host();
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, steps(), null);
        Checkpoint cp = r.checkpoint();
        assertThat(cp.readings()).extracting(x -> x.probe().display() + " = " + x.observed()).contains(
                NUMVFS0 + " reads 4 = 0", NUMVFS0 + " reads 0 = 0", "Open_vSwitch . other_config:hw-offload is true = (absent)");
        assertThat(cp.files()).extracting(Checkpoint.FileState::path).containsExactly(RULES, IFACES);
        Checkpoint.FileState ifaces = cp.files().get(1);
        assertThat(ifaces.backup()).isEqualTo(Journal.BACKUP_DIR + "/" + r.runId() + IFACES);
        assertThat(h.text(ifaces.backup())).isEqualTo(OLD_IFACES);
        assertThat(cp.files().get(0).sha256()).isNull();
    }

    @Test
    void aFailedActionRollsBackEveryEarlierStepInReverseOrderAndTheHostIsAsBefore() {
        FakeHost h = host();
        Map<String, String> before = h.state();
        h.failingWrites.add(NUMVFS1);
        List<String> lines = new ArrayList<>();
        JournalRecord r = executor(h, lines).run("spec.yaml", null, steps(), null);
        assertThat(r.state()).isEqualTo(RunState.ROLLED_BACK);
        assertThat(h.state()).isEqualTo(before);
        assertThat(r.step(6).detail()).as(r.step(6).toString()).contains("Input/output error");
        assertThat(r.steps()).extracting(StepRecord::status).containsExactly(StepStatus.UNDONE, StepStatus.UNDONE, StepStatus.UNDONE,
                StepStatus.UNDONE, StepStatus.UNDONE, StepStatus.UNDONE);
        List<String> undo = h.log.subList(h.log.indexOf("echo 2 > " + NUMVFS1) + 1, h.log.size()).stream()
                .filter(l -> !l.startsWith("write " + Journal.DIR)).toList();
        assertThat(undo).containsExactly("echo 0 > " + NUMVFS1, // the failed step first: it may have been partly done
                "write " + IFACES,
                "ovs-vsctl remove Open_vSwitch . other_config hw-offload",
                "ovs-vsctl remove Open_vSwitch . external_ids sriovctl/other_config/hw-offload",
                "echo 0 > " + NUMVFS0, "rm " + RULES, "udevadm control --reload", "rm " + RULES,
                // after every undo, the reloads whose effect the undos may have changed: once more, in plan order
                "udevadm trigger --action=add --subsystem-match=net", "udevadm settle --timeout=120");
        assertThat(r.events()).last().asString().contains("rolled back: every reading matches the checkpoint");
        assertThat(lines).anyMatch(l -> l.startsWith("rolling back: step 6 (SetNumVfs 0000:81:00.1 (enp129s0f1np1)) failed"));
    }

    @Test
    void verificationIsReadBackWithRetriesWithinTheStepsTime() {
        FakeHost h = host();
        h.slow.put(NUMVFS0, 5); // the kernel shows the new count only after a while
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, steps().subList(2, 3), null);
        assertThat(r.state()).isEqualTo(RunState.RUNNING);
        assertThat(r.step(1).attempts()).isEqualTo(6);
        assertThat(h.clock).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aReadBackThatWaitsIsShownAsOneWaitWhichEndsBeforeTheStepsLine() {
        FakeHost h = host();
        h.slow.put(NUMVFS0, 3);
        List<String> events = new ArrayList<>();
        Progress waits = (what, limit) -> {
            events.add("begin " + what + " within " + limit.toSeconds() + " s");
            return new Progress.Wait() {
                @Override
                public void update(Duration elapsed, String detail) {
                    events.add("update " + detail);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
        ApplyProgress progress = new ApplyProgress() {
            @Override
            public void line(String text) {
                events.add("line " + text);
            }

            @Override
            public Progress waits() {
                return waits;
            }
        };
        Step s = steps().get(2);
        new Executor(h, new Journal(h, Clock.systemUTC()), progress).run("spec.yaml", null, List.of(s), null);
        List<String> waitEvents = events.stream().filter(e -> !e.startsWith("line ")).toList();
        assertThat(waitEvents).first().asString().startsWith("begin SetNumVfs 0000:81:00.0 (enp129s0f0np0)").endsWith("within " + s.verifySeconds() + " s");
        assertThat(waitEvents).filteredOn(e -> e.startsWith("update ")).hasSize(3).allMatch(e -> e.contains(NUMVFS0 + " reads 4 (read 0)"));
        assertThat(waitEvents).last().isEqualTo("close");
        String stepLine = events.stream().filter(e -> e.startsWith("line ") && e.endsWith("ok (verified after 4 reads)")).findFirst().orElseThrow();
        assertThat(events.indexOf("close")).as("the wait is gone before the step's own line").isLessThan(events.indexOf(stepLine));
    }

    @Test
    void aRunKeepsTheBackupsOfOnlyTheNewestRuns() {
        FakeHost h = host();
        for (int i = 0; i < 12; i++) {
            h.file(Journal.BACKUP_DIR + "/2026010" + (i < 10 ? "0" : "") + i + "T000000Z" + IFACES, "old " + i + "\n");
        }
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, steps().subList(4, 5), null);
        List<String> kept = h.list(Journal.BACKUP_DIR);
        assertThat(kept).as("the ten newest old runs, and this run's own").hasSize(Journal.KEPT_BACKUP_RUNS + 1)
                .doesNotContain("202601000T000000Z", "202601001T000000Z").contains("202601011T000000Z", r.runId());
        assertThat(h.readBytes(Journal.BACKUP_DIR + "/" + r.runId() + IFACES)).as("this run's backup of the file it replaces").isPresent();
    }

    @Test
    void aStepThatHoldsAtOnceDrawsNoWait() {
        FakeHost h = host();
        List<String> begun = new ArrayList<>();
        ApplyProgress progress = new ApplyProgress() {
            @Override
            public void line(String text) {
            }

            @Override
            public Progress waits() {
                return (what, limit) -> {
                    begun.add(what);
                    return Progress.none().begin(what, limit);
                };
            }
        };
        new Executor(h, new Journal(h, Clock.systemUTC()), progress).run("spec.yaml", null, steps().subList(0, 1), null);
        assertThat(begun).isEmpty();
    }

    @Test
    void aVerificationThatNeverHoldsFailsAfterTheStepsTimeAndRollsBack() {
        FakeHost h = host();
        h.slow.put(NUMVFS0, 1_000_000);
        Step s = steps().get(2);
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, List.of(s), null);
        assertThat(r.state()).isEqualTo(RunState.ROLLED_BACK);
        assertThat(r.step(1).detail()).startsWith("not verified after").contains(NUMVFS0 + " reads 4 (read 0)");
        // bounded: the step's time (34 s for 4 VFs), waited on the host's clock, plus the rollback's settle time at most
        assertThat(h.clock).isGreaterThanOrEqualTo(Duration.ofSeconds(s.verifySeconds()))
                .isLessThan(Duration.ofSeconds(s.verifySeconds() + 1 + Executor.SETTLE.toSeconds() + 1));
    }

    @Test
    void aRefusedPreconditionDoesNothingOfItsStepAndRollsBackTheEarlierOnes() {
        FakeHost h = host().file(NUMVFS1, "3\n");
        Map<String, String> before = h.state();
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, steps(), null);
        assertThat(r.state()).isEqualTo(RunState.ROLLED_BACK);
        assertThat(r.step(6).status()).isEqualTo(StepStatus.REFUSED);
        assertThat(r.step(6).detail()).contains("precondition does not hold: " + NUMVFS1 + " reads 0 (read 3)");
        assertThat(h.log).doesNotContain("echo 2 > " + NUMVFS1);
        assertThat(h.state()).isEqualTo(before);
    }

    @Test
    void anUndoThatFailsLeavesTheRunIncompleteAndSaysWhatDiffers() {
        FakeHost h = host();
        h.failingWrites.add(NUMVFS1);
        h.failingCommands.add("ovs-vsctl remove Open_vSwitch . other_config hw-offload");
        JournalRecord r = executor(h, new ArrayList<>()).run("spec.yaml", null, steps(), null);
        assertThat(r.state()).isEqualTo(RunState.ROLLBACK_INCOMPLETE);
        assertThat(r.events()).anyMatch(e -> e.contains("step 4 undo: ovs-vsctl remove Open_vSwitch . other_config hw-offload"))
                .anyMatch(e -> e.contains("differs from the checkpoint: Open_vSwitch . other_config:hw-offload is true: was (absent), now true"));
        // everything else was still undone
        assertThat(h.text(IFACES)).isEqualTo(OLD_IFACES);
        assertThat(h.text(NUMVFS0)).isEqualTo("0\n");
    }

    @Test
    void aRunKilledAtAnyOperationIsRolledBackByTheNextRunWhichThenEqualsAnUninterruptedRun() {
        FakeHost reference = host();
        executor(reference, new ArrayList<>()).run("spec.yaml", null, steps(), null);
        long total = reference.mutations;
        Map<String, String> expected = reference.state();
        int checked = 0;
        for (long n = 0; n < total; n++) {
            FakeHost h = host();
            Map<String, String> initial = h.state();
            h.killAfter(n);
            assertThatThrownBy(() -> executor(h, new ArrayList<>()).run("spec.yaml", null, steps(), null)).isInstanceOf(FakeHost.Killed.class);
            Executor next = executor(h, new ArrayList<>());
            String recovered = Recovery.recover(new Journal(h, Clock.systemUTC()), next);
            assertThat(h.state()).as("after recovery from a kill at operation %d", n).isEqualTo(initial);
            if (recovered != null) assertThat(new Journal(h).read().orElseThrow().state()).isEqualTo(RunState.ROLLED_BACK);
            JournalRecord again = next.run("spec.yaml", null, steps(), null);
            assertThat(again.state()).isEqualTo(RunState.RUNNING);
            assertThat(h.state()).as("killed at operation %d of %d, then applied again", n, total).isEqualTo(expected);
            checked++;
        }
        assertThat((long) checked).isEqualTo(total).isGreaterThanOrEqualTo(20L);
    }

    @Test
    void aRollbackKilledHalfWayIsFinishedByTheNextRun() {
        FakeHost reference = host();
        reference.failingWrites.add(NUMVFS1);
        executor(reference, new ArrayList<>()).run("spec.yaml", null, steps(), null);
        long failAt = reference.log.indexOf("echo 2 > " + NUMVFS1);
        long total = reference.mutations;
        for (long n = failAt + 1; n < total; n++) {
            FakeHost h = host();
            Map<String, String> initial = h.state();
            h.failingWrites.add(NUMVFS1);
            h.killAfter(n);
            assertThatThrownBy(() -> executor(h, new ArrayList<>()).run("spec.yaml", null, steps(), null)).isInstanceOf(FakeHost.Killed.class);
            assertThat(new Journal(h).read().orElseThrow().state()).isIn(RunState.RUNNING, RunState.ROLLING_BACK);
            Recovery.recover(new Journal(h, Clock.systemUTC()), executor(h, new ArrayList<>()));
            assertThat(h.state()).as("rollback killed at operation %d", n).isEqualTo(initial);
            assertThat(new Journal(h).read().orElseThrow().state()).isEqualTo(RunState.ROLLED_BACK);
        }
    }

    @Test
    void nothingIsWrittenWhenAFinishedRunIsInTheJournal() {
        FakeHost h = host();
        Executor e = executor(h, new ArrayList<>());
        e.finish(e.run("spec.yaml", null, steps(), null), "converged");
        long before = h.mutations;
        assertThat(Recovery.recover(new Journal(h), e)).isNull();
        assertThat(h.mutations).isEqualTo(before);
    }
}
