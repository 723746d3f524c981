package dev.sriovctl.cli;

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
        List<String[]> runs = CdsTraining.runs(dir.toString());
        assertThat(runs).extracting(r -> String.join(" ", r))
                .contains("--version", "--help", "discover --help", "bench --help", "capture --help",
                        "discover --snapshot " + dir, "discover --snapshot " + dir + " -o json");
        assertThat(CdsTraining.train(runs)).isZero();
    }

    @Test
    void withoutASnapshotTrainsOnHelpOnly() {
        assertThat(CdsTraining.runs(null)).extracting(r -> r[0]).doesNotContain("discover --snapshot");
        assertThat(CdsTraining.runs(null)).noneMatch(r -> r.length > 1 && r[1].equals("--snapshot"));
    }
}
