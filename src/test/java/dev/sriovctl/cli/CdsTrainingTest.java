package dev.sriovctl.cli;

import dev.sriovctl.Fixtures;
import dev.sriovctl.TestSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CdsTrainingTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnEveryCommandsHelpAndDiscoverWithoutAFailure() {
        TestSnapshots.switchdevHost(dir, true).finish(TestSnapshots.meta("pve1"));
        List<String[]> runs = CdsTraining.runs(dir.toString(), null);
        assertThat(runs).extracting(r -> String.join(" ", r))
                .contains("--version", "--help", "discover --help", "bench --help", "capture --help",
                        "discover --snapshot " + dir, "discover --snapshot " + dir + " -o json",
                        "doctor --snapshot " + dir, "doctor --snapshot " + dir + " -o json", "metrics --snapshot " + dir)
                .noneMatch(r -> r.startsWith("plan -f"));
        assertThat(CdsTraining.train(runs)).isZero();
    }

    @Test
    void withTheExampleSpecTrainsOnPlanAndDoctorAgainstItAsTablesAndJson() {
        String snapshot = Fixtures.repo().resolve("examples/guide-host").toString();
        String spec = Fixtures.repo().resolve("examples/guide-host.yaml").toString();
        List<String[]> runs = CdsTraining.runs(snapshot, spec);
        assertThat(runs).extracting(r -> String.join(" ", r)).contains(
                "plan -f " + spec + " --snapshot " + snapshot, "plan -f " + spec + " --snapshot " + snapshot + " -o json",
                "doctor -f " + spec + " --snapshot " + snapshot, "doctor -f " + spec + " --snapshot " + snapshot + " -o json");
        assertThat(CdsTraining.train(runs)).isZero();
    }

    @Test
    void withoutASnapshotTrainsOnHelpOnly() {
        assertThat(CdsTraining.runs(null, null)).noneMatch(r -> r.length > 1 && !r[1].equals("--help"));
    }

    @Test
    void aRunThatCannotReadItsInputCountsAsFailed() {
        assertThat(CdsTraining.train(List.<String[]>of(new String[]{"discover", "--snapshot", dir.resolve("absent").toString()})))
                .isEqualTo(1);
    }
}
