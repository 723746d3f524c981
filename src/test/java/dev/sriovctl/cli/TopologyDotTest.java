package dev.sriovctl.cli;

import dev.sriovctl.TestSnapshots;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code discover -o dot|svg} on a switchdev host with the real OVS lab outputs (ovs/*-ovs3.1-lab*). */
class TopologyDotTest {

    @TempDir
    Path dir;

    private Inventory inventory(boolean ovs) {
        TestSnapshots.switchdevHost(dir, ovs).finish(TestSnapshots.meta("pve1"));
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            return InventoryBuilder.build(h);
        }
    }

    @Test
    void drawsTheChainFromNicToUplinkMembers() {
        String dot = TopologyDot.render(inventory(true), Map.of());
        assertThat(dot).startsWith("digraph sriovctl {").endsWith("}\n");
        assertThat(dot).contains(
                "\"nic:0000:01:00\" -> \"pf:0000:01:00.0\";",
                "\"pf:0000:01:00.0\" -> \"vf:0000:01:00.2\";",
                "\"vf:0000:01:00.2\" -> \"if:pf0vf0\";",
                "\"if:pf0vf0\" -> \"br:vmbr1\";",
                "\"br:vmbr1\" -> \"bond:bond0\";",
                "\"bond:bond0\" -> \"uplink:ens1f0\";",
                "\"bond:bond0\" -> \"uplink:ens1f1\";");
        // the uplink is the PF's own port: tied back without constraining the layout
        assertThat(dot).contains("\"uplink:ens1f0\" -> \"pf:0000:01:00.0\" [style=dotted, arrowhead=none, constraint=false];");
        assertThat(dot).contains("label=\"bond0\\novs bond · balance-tcp\\nLACP negotiated\"");
        assertThat(dot).contains("label=\"VF 0\\n0000:01:00.2\\nvfio-pci · group 40\"");
        // bridge "tor" has no representor and no uplink of this host: not drawn
        assertThat(dot).doesNotContain("br:tor");
    }

    @Test
    void aMemberThatIsDownIsDrawnRed() {
        String dot = TopologyDot.render(inventory(true), Map.of());
        // ovs-appctl-bond-show-ovs3.1-lab-member-down.txt: ens1f1 disabled
        assertThat(dot).contains("\"uplink:ens1f1\" [label=\"ens1f1\\nuplink · disabled\", fillcolor=\"#f8d7da\"];");
        assertThat(dot).contains("\"uplink:ens1f0\" [label=\"ens1f0\\nuplink · enabled\", fillcolor=\"#e2f0d9\"];");
    }

    @Test
    void aRepresentorInNoBridgeIsDashedAndNoBridgeIsInvented() {
        String dot = TopologyDot.render(inventory(false), Map.of());
        assertThat(dot).contains("\"if:pf0vf0\" [label=\"pf0vf0\\nrepresentor\", fillcolor=\"#f3e8fb\", style=\"dashed,rounded,filled\"];");
        assertThat(dot).doesNotContain("br:").doesNotContain("bond:");
    }

    @Test
    void showsTheVmAVfIsPassedToWhenKnown() {
        String dot = TopologyDot.render(inventory(true), Map.of("0000:01:00.2", "VM 101 web1"));
        assertThat(dot).contains("\"vm:VM 101 web1\" [label=\"VM 101 web1\"",
                "\"vf:0000:01:00.2\" -> \"vm:VM 101 web1\" [label=\"passed to\", fontsize=9];");
        assertThat(TopologyDot.render(inventory(true), Map.of())).doesNotContain("vm:");
    }

    @Test
    void quotesLabelsSafely() {
        assertThat(TopologyDot.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    void isTheSameEveryTime() {
        Inventory inv = inventory(true);
        assertThat(TopologyDot.render(inv, Map.of())).isEqualTo(TopologyDot.render(inv, Map.of()));
    }

    @Test
    void graphvizAcceptsTheGraph() {
        Assumptions.assumeTrue(new LocalHost().run(List.of("dot", "-V")).isPresent(),
                "graphviz is not installed here (.ci/run installs it): SVG layout not tested");
        String svg = TopologySvg.render(TopologyDot.render(inventory(true), Map.of()), new LocalHost());
        assertThat(svg).contains("<svg").contains("bond0").contains("pf0vf3").contains("ens1f1");
    }

    @Test
    void withoutGraphvizSvgNamesThePackageToInstall() throws Exception {
        // A host where no command exists: an empty snapshot answers every run with "not available".
        Path empty = dir.resolve("empty");
        TestSnapshots.switchdevHost(empty, false).finish(TestSnapshots.meta("x"));
        try (SnapshotHost none = SnapshotHost.open(empty)) {
            assertThatThrownBy(() -> TopologySvg.render("digraph {}", none))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("graphviz")
                    .hasMessageContaining("-o dot");
        }
        assertThat(Files.list(Path.of(System.getProperty("java.io.tmpdir")))
                .filter(p -> p.getFileName().toString().startsWith("sriovctl-topology-"))).isEmpty();
    }

    @Test
    void discoverPrintsDotAndRefusesUnknownFormats() {
        TestSnapshots.switchdevHost(dir, true).finish(TestSnapshots.meta("pve1"));
        CliDriver.Result r = CliDriver.run("discover", "--snapshot", dir.toString(), "-o", "dot");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("digraph sriovctl {").contains("sriovctl discover: pve1");
        CliDriver.Result bad = CliDriver.run("discover", "--snapshot", dir.toString(), "-o", "png");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.err()).contains("valid: table, json, yaml, dot, svg");
    }

    @Test
    void onlyDiscoverDrawsPictures() {
        assertThatThrownBy(() -> new OutputOptions.FormatConverter().convert("dot"))
                .hasMessageContaining("valid: table, json, yaml");
        assertThat(new OutputOptions.FormatConverter().convert("json")).isEqualTo(OutputFormat.JSON);
    }
}
