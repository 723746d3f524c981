package dev.sriovctl.apply;

import dev.sriovctl.host.HostException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's quick question every apply asks first: is there a run that did not end? */
class JournalTest {

    static JournalRecord run(RunState state) {
        return new JournalRecord(JournalRecord.FORMAT, "20261125T120000.000Z", "pve1", "spec.yaml", null, null, state,
                "2026-11-25T12:00:00Z", "2026-11-25T12:00:00Z", new Checkpoint(List.of(), List.of()), List.of(), null, List.of());
    }

    @Test
    void aRunThatEndedIsNotUnfinishedAndAnEmptyJournalHasNone() {
        FakeHost h = new FakeHost();
        Journal j = new Journal(h, Clock.systemUTC());
        assertThat(j.hasUnfinishedRun()).isFalse();
        for (RunState s : List.of(RunState.CONVERGED, RunState.ROLLED_BACK, RunState.ROLLBACK_INCOMPLETE)) {
            j.write(run(s));
            assertThat(j.hasUnfinishedRun()).as(s.toString()).isFalse();
        }
    }

    @Test
    void aRunningRollingBackOrWaitingRunIsUnfinished() {
        FakeHost h = new FakeHost();
        Journal j = new Journal(h, Clock.systemUTC());
        for (RunState s : List.of(RunState.RUNNING, RunState.ROLLING_BACK, RunState.AWAITING_CONFIRMATION)) {
            j.write(run(s));
            assertThat(j.hasUnfinishedRun()).as(s.toString()).isTrue();
        }
    }

    @Test
    void aMalformedOrForeignJournalIsAHostErrorAsForAFullRead() {
        FakeHost h = new FakeHost().file(Journal.FILE, "{\"format\": \"other/1\", \"state\": \"converged\"}");
        Journal j = new Journal(h, Clock.systemUTC());
        assertThatThrownBy(j::hasUnfinishedRun).isInstanceOf(HostException.class).hasMessageContaining("unknown format other/1");
        h.file(Journal.FILE, "{not json");
        assertThatThrownBy(j::hasUnfinishedRun).isInstanceOf(HostException.class).hasMessageContaining("cannot be read");
        h.file(Journal.FILE, "{\"format\": \"sriovctl-journal/1\", \"state\": \"sleeping\"}");
        assertThatThrownBy(j::hasUnfinishedRun).isInstanceOf(HostException.class);
    }
}
