package dev.sriovctl.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpositionRendererTest {

    @Test
    void helpAndTypeComeOncePerMetricThenOneLinePerSeries() {
        MetricFamily f = MetricFamily.gauge("sriovctl_pf_vfs_configured", "VFs now.")
                .add(4, "pf", "0000:81:00.0", "netdev", "enp129s0f0np0")
                .add(0, "pf", "0000:81:00.1", "netdev", "enp129s0f1np1").build();
        assertThat(ExpositionRenderer.render(List.of(f))).isEqualTo("""
                # HELP sriovctl_pf_vfs_configured VFs now.
                # TYPE sriovctl_pf_vfs_configured gauge
                sriovctl_pf_vfs_configured{pf="0000:81:00.0",netdev="enp129s0f0np0"} 4
                sriovctl_pf_vfs_configured{pf="0000:81:00.1",netdev="enp129s0f1np1"} 0
                """);
    }

    @Test
    void labelValuesAndHelpAreEscapedAsTheFormatSays() {
        MetricFamily f = MetricFamily.gauge("x", "a \\ b\nc").add(1, "subject", "say \"hi\"\\\n").build();
        assertThat(ExpositionRenderer.render(List.of(f))).isEqualTo(
                "# HELP x a \\\\ b\\nc\n# TYPE x gauge\nx{subject=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
    }

    @Test
    void numbersArePlainDecimalsWithoutExponentOrSuperfluousFraction() {
        assertThat(ExpositionRenderer.number(4)).isEqualTo("4");
        assertThat(ExpositionRenderer.number(-1)).isEqualTo("-1");
        assertThat(ExpositionRenderer.number(0.25)).isEqualTo("0.25");
        assertThat(ExpositionRenderer.number(1795628110.437)).isEqualTo("1795628110.437");
        assertThat(ExpositionRenderer.number(Double.NaN)).isEqualTo("NaN");
        assertThat(ExpositionRenderer.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void aMetricWithoutSeriesIsLeftOut() {
        MetricFamily empty = MetricFamily.gauge("sriovctl_datapath_flows", "flows").build();
        MetricFamily one = MetricFamily.gauge("sriovctl_scrape_duration_seconds", "took").add(0.5).build();
        assertThat(ExpositionRenderer.render(List.of(empty, one)))
                .doesNotContain("sriovctl_datapath_flows")
                .isEqualTo("# HELP sriovctl_scrape_duration_seconds took\n# TYPE sriovctl_scrape_duration_seconds gauge\nsriovctl_scrape_duration_seconds 0.5\n");
    }

    @Test
    void aStateSetHasOneSeriesPerStateAndOnlyTheCurrentOneIsOne() {
        MetricFamily f = MetricFamily.gauge("m", "h")
                .state("switchdev", List.of("legacy", "switchdev"), "mode", "pf", "a")
                .state("odd", List.of("legacy", "switchdev"), "mode", "pf", "b")
                .state(null, List.of("legacy", "switchdev"), "mode", "pf", "c").build();
        assertThat(ExpositionRenderer.render(List.of(f))).isEqualTo("""
                # HELP m h
                # TYPE m gauge
                m{pf="a",mode="legacy"} 0
                m{pf="a",mode="switchdev"} 1
                m{pf="b",mode="legacy"} 0
                m{pf="b",mode="switchdev"} 0
                m{pf="b",mode="odd"} 1
                """);
    }

    @Test
    void theSameLabelsTwiceGiveOneSeries() {
        MetricFamily f = MetricFamily.gauge("m", "h").max(0, "check", "c").max(2, "check", "c").max(1, "check", "c")
                .add(5, "check", "d").add(6, "check", "d").flag(null, "check", "e").build();
        assertThat(f.samples()).extracting(Sample::value).containsExactly(2.0, 5.0);
    }

    @Test
    void namesOutsideThePrometheusDataModelAreRefused() {
        assertThatThrownBy(() -> MetricFamily.gauge("sriovctl-flows", "h").build()).hasMessageContaining("sriovctl-flows");
        assertThatThrownBy(() -> Sample.of(1, "__name__", "x")).hasMessageContaining("__name__");
        assertThatThrownBy(() -> Sample.of(1, "pf.pci", "x")).hasMessageContaining("pf.pci");
        assertThatThrownBy(() -> new MetricFamily("m", "h", List.of(Sample.of(1, "a", "b"), Sample.of(2, "a", "b"))))
                .hasMessageContaining("same labels");
    }
}
