package dev.sriovctl.metrics;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.Hosts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/metrics.md and examples/metrics against what {@code sriovctl metrics} writes. */
class MetricsDocsTest {

    @TempDir
    Path dir;

    /** Every metric name (a family is listed even where the test host gives it no series). */
    private Set<String> names() {
        try (SnapshotHost h = Hosts.lab(dir).build()) {
            Set<String> out = new TreeSet<>();
            for (MetricFamily f : HostMetrics.collect(DoctorContext.of(h), Clock.systemUTC())) out.add(f.name());
            return out;
        }
    }

    private static String doc() throws IOException {
        return Files.readString(Fixtures.repo().resolve("docs/metrics.md"));
    }

    @Test
    void theDocsTableHasOneRowPerMetricAndNoOther() throws IOException {
        Set<String> rows = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(sriovctl_[a-z_]+)` \\|").matcher(doc());
        while (m.find()) rows.add(m.group(1));
        assertThat(rows).isEqualTo(names());
    }

    @Test
    void theDocsNameOnlyMetricsThatExist() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(sriovctl_[a-z_]+)").matcher(doc());
        while (m.find()) named.add(m.group(1));
        assertThat(names()).containsAll(named);
    }

    /**
     * prometheus.io/docs/practices/naming, and what promtool's linter (client_golang promlint) reports: one
     * application prefix, snake case, base units spelt out (seconds), no _total on a gauge (it marks counters),
     * no suffix a histogram or summary reserves, no type in the name.
     */
    @Test
    void everyNameFollowsThePrometheusNamingConventions() {
        assertThat(names()).isNotEmpty().allSatisfy(n -> {
            assertThat(n).matches("sriovctl_[a-z][a-z0-9_]*[a-z0-9]").doesNotContain("__");
            assertThat(n).doesNotEndWith("_total").doesNotEndWith("_count").doesNotEndWith("_sum").doesNotEndWith("_bucket")
                    .doesNotEndWith("_info");
            assertThat(n).doesNotContain("gauge").doesNotContain("counter");
            assertThat(n).doesNotContainPattern("_(ms|msec|millis|milliseconds|us|ns|minutes?|hours?|secs?)(_|$)");
            if (n.contains("timestamp") || n.contains("duration")) assertThat(n).endsWith("_seconds");
        });
    }

    private static Map<String, String> unit(String name) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Fixtures.repo().resolve("examples/metrics/" + name))) {
            if (line.startsWith("#") || !line.contains("=")) continue;
            keys.merge(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1), (a, b) -> a + " " + b);
        }
        return keys;
    }

    @Test
    void theTimerRunsTheServiceEveryMinuteIntoDebiansTextfileDirectory() throws IOException {
        Map<String, String> service = unit("sriovctl-metrics.service");
        assertThat(service).containsEntry("Type", "oneshot")
                .containsEntry("ExecStart", "/usr/bin/sriovctl metrics --textfile /var/lib/prometheus/node-exporter")
                .containsEntry("ConditionPathIsDirectory", "/var/lib/prometheus/node-exporter");
        assertThat(Integer.parseInt(service.get("TimeoutStartSec"))).isLessThan(60);
        Map<String, String> timer = unit("sriovctl-metrics.timer");
        assertThat(timer).containsEntry("OnUnitActiveSec", "1min").containsEntry("WantedBy", "timers.target");
        assertThat(timer).doesNotContainKey("Unit"); // the service of the same name
    }

    /** systemd's own parser; the sriovctl binary and its man page exist only once the package is installed. */
    @Test
    void systemdAcceptsTheExampleUnits() throws IOException {
        LocalHost local = new LocalHost();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed here");
        for (String name : List.of("sriovctl-metrics.service", "sriovctl-metrics.timer")) {
            String text = Files.readString(Fixtures.repo().resolve("examples/metrics/" + name));
            Files.writeString(dir.resolve(name), text.replace("/usr/bin/sriovctl ", "/bin/true "));
        }
        var r = local.run(List.of("systemd-analyze", "verify", "--man=no",
                dir.resolve("sriovctl-metrics.service").toString(), dir.resolve("sriovctl-metrics.timer").toString())).orElseThrow();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr() + r.stdout()).as("warnings such as unknown keys").isBlank();
    }
}
