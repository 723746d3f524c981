package dev.sriovctl.lab;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real ping summaries are read in place from the lab recipe (../shared/lab/README.md section 3); the
 * fixture corpus has none. The error and loss variants follow iputils {@code ping/ping_common.c}
 * {@code finish()}. The lab tests parse real ping output on every run.
 */
class PingSummaryTest {

    @Test
    void readsTheRealSummariesOfTheLabRecipe() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.shared().resolve("lab/README.md")).stream()
                .filter(l -> l.contains("packets transmitted")).toList();

        assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
        for (String line : lines) assertThat(PingSummary.parse(line)).as(line).isEqualTo(new PingSummary(3, 3));
    }

    @Test
    void readsTheSummaryWithErrors() {
        PingSummary s = PingSummary.parse("250 packets transmitted, 248 received, +2 errors, 0.8% packet loss, time 2503ms\n");

        assertThat(s).isEqualTo(new PingSummary(250, 248));
        assertThat(s.lost()).isEqualTo(2);
    }

    @Test
    void refusesOutputWithoutASummary() {
        assertThatThrownBy(() -> PingSummary.parse("ping: connect: Network is unreachable\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Network is unreachable");
    }
}
