package dev.sriovctl.verify;

import dev.sriovctl.host.SnapshotHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoctorTest {

    @TempDir
    Path dir;

    private static Check broken() {
        return new DescribedCheck("broken-check", CheckArea.OVS, "never", "nothing") {
            @Override
            public List<CheckResult> run(DoctorContext ctx) {
                throw new IllegalStateException("boom");
            }
        };
    }

    @Test
    void aCheckThatBreaksIsASkipNamingTheErrorAndTheOthersStillRun() {
        try (SnapshotHost h = Hosts.lab(dir).build()) {
            DoctorReport r = Doctor.run(DoctorContext.of(h), List.of(broken(), CheckCatalog.byId("vf-count").orElseThrow()));
            assertThat(r.checks().get(0).status()).isEqualTo(CheckStatus.SKIP);
            assertThat(r.checks().get(0).evidence()).contains("could not run: java.lang.IllegalStateException: boom");
            assertThat(r.checks()).extracting(CheckResult::id).contains("vf-count");
            assertThat(r.failed()).isFalse();
        }
    }

    @Test
    void failedIsTrueOnlyWithAFail() {
        assertThat(new DoctorReport(List.of(CheckResult.warn("x", "s", "e", "f"))).failed()).isFalse();
        assertThat(new DoctorReport(List.of(CheckResult.fail("x", "s", "e", "f"))).failed()).isTrue();
    }

    @Test
    void aResultWithoutEvidenceIsRefused() {
        assertThatThrownBy(() -> CheckResult.skip("x", "host", " ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence");
    }

    @Test
    void everyCheckJudgesAnEmptyHostWithoutBreaking() {
        try (SnapshotHost h = new SnapshotBuilder(dir).build()) {
            DoctorReport r = Doctor.run(DoctorContext.of(h));
            assertThat(r.checks()).noneSatisfy(c -> assertThat(c.evidence()).contains("could not run"));
            assertThat(r.checks()).filteredOn(c -> c.status() == CheckStatus.SKIP).allSatisfy(c -> assertThat(c.evidence()).isNotBlank());
        }
    }
}
