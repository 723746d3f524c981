package dev.sriovctl.cli;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.verify.Hosts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.sriovctl.cli.NodeExporter.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The textfile sriovctl writes, read by the real consumer: Debian's prometheus-node-exporter with its textfile
 * collector, which parses it with the Prometheus text parser (prometheus/common expfmt, the one promtool's
 * "check metrics" uses too), refuses client timestamps, and serves what it parsed. Every series written must come
 * back with its value, and node_textfile_scrape_error must be 0.
 */
class MetricsNodeExporterTest {

    @TempDir
    Path tmp;

    private static final String[] PF0 = {"pf", "0000:81:00.0", "netdev", "enp129s0f0np0", "nic", "0000:81:00"};

    @BeforeEach
    void nodeExporterIsHere() {
        Optional<String> why = NodeExporter.missing();
        if (why.isEmpty()) return;
        if (NodeExporter.required()) fail(why.get());
        org.junit.jupiter.api.Assumptions.abort(why.get());
    }

    private static String[] with(String[] base, String... more) {
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    /** Runs {@code sriovctl metrics HOST --textfile DIR}, lets node_exporter read DIR and returns what it serves. */
    private Map<String, Double> throughNodeExporter(String... host) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        List<String> args = new ArrayList<>(List.of("metrics"));
        args.addAll(List.of(host));
        args.addAll(List.of("--textfile", dir.toString()));
        CliDriver.Result r = CliDriver.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, Double> written = NodeExporter.series(Files.readString(dir.resolve("sriovctl.prom")));
        try (NodeExporter n = NodeExporter.start(dir, tmp)) {
            Map<String, Double> served = n.scrape();
            assertThat(served.get("node_textfile_scrape_error")).as("node_exporter's log:\n" + n.log()).isEqualTo(0.0);
            Map<String, Double> ours = new TreeMap<>(served);
            ours.keySet().removeIf(k -> !k.startsWith("sriovctl_"));
            assertThat(ours).as("every series written, parsed by node_exporter with its value").isEqualTo(written);
            return served;
        }
    }

    @Test
    void theExampleSnapshotParsesAndKeepsItsValues() throws Exception {
        Map<String, Double> s = throughNodeExporter("--snapshot", Fixtures.repo().resolve("examples/guide-host").toString());
        assertThat(s.get(key("sriovctl_pf_vfs_configured", PF0))).isEqualTo(4.0);
        assertThat(s.get(key("sriovctl_pf_vfs_assigned", PF0))).as("VM 100 holds one VF through the mapping").isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_pf_eswitch_mode", with(PF0, "mode", "switchdev")))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_check_status", "check", "ovs-running", "subject", "Open vSwitch"))).isEqualTo(0.0);
        assertThat(s.get(key("sriovctl_bond_lacp_status", "bond", "bond1", "state", "negotiated"))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_scrape_timestamp_seconds"))).isGreaterThan(1.7e9);
    }

    @Test
    void theOvsLabWithAMemberDownParsesWithBondLacpAndFlowFigures() throws Exception {
        Path snap = tmp.resolve("lab");
        Hosts.lab(snap)
                .commandFixture(CommandCatalog.ovsBondShow(), "ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt")
                .commandFixture(CommandCatalog.ovsLacpShow(), "ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt")
                .build().close();
        Map<String, Double> s = throughNodeExporter("--snapshot", snap.toString());
        assertThat(NodeExporter.names(s)).contains("sriovctl_bond_lacp_status", "sriovctl_bond_member_enabled",
                "sriovctl_bond_member_lacp_state", "sriovctl_datapath_flows", "sriovctl_datapath_flows_offloaded");
        assertThat(s.get(key("sriovctl_bond_member_enabled", "bond", "bond0", "member", "ens1f1"))).isEqualTo(0.0);
        assertThat(s.get(key("sriovctl_bond_member_lacp_state", "bond", "bond0", "member", "ens1f1", "state", "defaulted"))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_bond_lacp_status", "bond", "bond0", "state", "negotiated"))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_datapath_flows"))).isEqualTo(46.0);
        assertThat(s.get(key("sriovctl_datapath_flows_offloaded"))).isEqualTo(0.0);
        assertThat(s.get(key("sriovctl_check_status", "check", "bond-members-up", "subject", "bond bond0"))).isEqualTo(2.0);
    }

    @Test
    void aSimulatedVfLagHostWithAPortDownParsesWithLagFigures() throws Exception {
        String sim = tmp.resolve("pve1").toString();
        for (String[] a : List.of(
                new String[]{"sim", "create", "--profile", "cx6lx-2p", "--mode", "switchdev", "-o", sim},
                new String[]{"sim", "exec", sim, "--", "ip", "link", "add", "bond0", "type", "bond", "mode", "802.3ad"},
                new String[]{"sim", "exec", sim, "--", "ip", "link", "set", "enp129s0f0np0", "master", "bond0"},
                new String[]{"sim", "exec", sim, "--", "ip", "link", "set", "enp129s0f1np1", "master", "bond0"},
                new String[]{"sim", "exec", sim, "--", "ip", "link", "set", "bond0", "up"},
                new String[]{"sim", "fault", sim, "link-down", "enp129s0f0np0"})) {
            CliDriver.Result r = CliDriver.run(a);
            assertThat(r.exitCode()).as(String.join(" ", a) + ": " + r.err()).isZero();
        }
        Map<String, Double> s = throughNodeExporter("--sim", sim);
        assertThat(s.get(key("sriovctl_nic_lag_active", "nic", "0000:81:00"))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_nic_lag_shared_fdb", "nic", "0000:81:00"))).isEqualTo(1.0);
        assertThat(s.get(key("sriovctl_bond_member_enabled", "bond", "bond0", "member", "enp129s0f0np0"))).isEqualTo(0.0);
        assertThat(s.get(key("sriovctl_bond_member_enabled", "bond", "bond0", "member", "enp129s0f1np1"))).isEqualTo(1.0);
    }

    @Test
    void theHarnessSeesAFileNodeExporterRefuses() throws Exception {
        // what would go wrong if the renderer printed client timestamps or an unescaped quote
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("stamped.prom"), "# TYPE sriovctl_x gauge\nsriovctl_x 1 1700000000000\n");
        Files.writeString(dir.resolve("quoted.prom"), "# TYPE sriovctl_y gauge\nsriovctl_y{subject=\"a \"b\"\"} 1\n");
        try (NodeExporter n = NodeExporter.start(dir, tmp)) {
            Map<String, Double> served = n.scrape();
            assertThat(served.get("node_textfile_scrape_error")).isEqualTo(1.0);
            assertThat(NodeExporter.names(served)).doesNotContain("sriovctl_x", "sriovctl_y");
            assertThat(n.log()).contains("stamped.prom").contains("quoted.prom");
        }
    }
}
