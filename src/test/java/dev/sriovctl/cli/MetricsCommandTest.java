package dev.sriovctl.cli;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sriovctl metrics} on the example snapshot and on simulated hosts, with faults. */
class MetricsCommandTest {

    @TempDir
    Path tmp;

    static final String PF0 = "pf=\"0000:81:00.0\",netdev=\"enp129s0f0np0\",nic=\"0000:81:00\"";
    static final String PF1 = "pf=\"0000:81:00.1\",netdev=\"enp129s0f1np1\",nic=\"0000:81:00\"";

    private static String guideHost() {
        return Fixtures.repo().resolve("examples/guide-host").toString();
    }

    private static CliDriver.Result ok(String... args) {
        CliDriver.Result r = CliDriver.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    /** A cx6lx-2p simulated host in switchdev without VFs, its two ports in a Linux 802.3ad bond: VF-LAG's layout. */
    private String vfLagSim() {
        String dir = tmp.resolve("pve1").toString();
        ok("sim", "create", "--profile", "cx6lx-2p", "--mode", "switchdev", "-o", dir);
        ok("sim", "exec", dir, "--", "ip", "link", "add", "bond0", "type", "bond", "mode", "802.3ad");
        ok("sim", "exec", dir, "--", "ip", "link", "set", "enp129s0f0np0", "master", "bond0");
        ok("sim", "exec", dir, "--", "ip", "link", "set", "enp129s0f1np1", "master", "bond0");
        ok("sim", "exec", dir, "--", "ip", "link", "set", "bond0", "up");
        return dir;
    }

    @Test
    void takesDoctorsSpecAndProxmoxOptionsAndRefusesTheSameBadInput() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "version: 1\nnics: [\n");
        CliDriver.Result spec = CliDriver.run("metrics", "--snapshot", guideHost(), "-f", bad.toString());
        assertThat(spec.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(spec.err()).contains("bad.yaml");
        CliDriver.Result api = CliDriver.run("metrics", "--snapshot", guideHost(), "--api", "pve1.example.com");
        assertThat(api.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(api.err()).contains("--token-id");
        CliDriver.Result good = ok("metrics", "--snapshot", guideHost(), "-f", Fixtures.repo().resolve("examples/guide-host.yaml").toString());
        assertThat(good.out()).contains("sriovctl_check_status{");
    }

    @Test
    void theExampleSnapshotPrintsItsFiguresWithValues() {
        CliDriver.Result r = ok("metrics", "--snapshot", guideHost());
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("# TYPE sriovctl_pf_vfs_configured gauge\n")
                .contains("sriovctl_pf_vfs_configured{" + PF0 + "} 4\n")
                .contains("sriovctl_pf_vfs_configured{" + PF1 + "} 0\n")
                .contains("sriovctl_pf_vfs_max{" + PF0 + "} 8\n")
                // the example is a Proxmox VE node: VM 100 holds the first VF through the mapping; the other three
                // are bound to vfio-pci, which counts only where no Proxmox data exists
                .contains("sriovctl_pf_vfs_assigned{" + PF0 + "} 1\n")
                .contains("sriovctl_pf_eswitch_mode{" + PF0 + ",mode=\"switchdev\"} 1\n")
                .contains("sriovctl_pf_eswitch_mode{" + PF0 + ",mode=\"legacy\"} 0\n")
                .contains("sriovctl_nic_lag_active{nic=\"0000:81:00\"} 0\n")
                .contains("sriovctl_check_status{check=\"iommu-enabled\",subject=\"host\"} 0\n")
                .contains("sriovctl_check_status{check=\"vf-count\",subject=\"enp129s0f0np0 (0000:81:00.0)\"} 0\n")
                .contains("sriovctl_check_status{check=\"ovs-running\",subject=\"Open vSwitch\"} 0\n")
                // the guide's plain OVS bond: a warning that a port failure cuts its VFs off
                .contains("sriovctl_check_status{check=\"vf-bond-protection\",subject=\"bond bond1\"} 1\n")
                .contains("sriovctl_bond_lacp_status{bond=\"bond1\",state=\"negotiated\"} 1\n")
                .containsPattern("(?m)^sriovctl_scrape_timestamp_seconds \\d{10}(\\.\\d+)?$")
                .containsPattern("(?m)^sriovctl_scrape_duration_seconds \\d+(\\.\\d+)?$")
                // the snapshot was taken with no traffic: zero flows, counted rather than left out
                .contains("sriovctl_datapath_flows 0\n")
                .endsWith("\n");
    }

    @Test
    void textfileIsWrittenAtomicallyReadableByNodeExporterAndNothingIsPrinted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("node-exporter"));
        CliDriver.Result r = ok("metrics", "--snapshot", guideHost(), "--textfile", dir.toString());
        assertThat(r.out()).isEmpty();
        Path prom = dir.resolve("sriovctl.prom");
        assertThat(Files.readString(prom)).contains("sriovctl_pf_vfs_configured{" + PF0 + "} 4\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("sriovctl.prom"); // no temporary file left
        }
        // a second run replaces the file
        Files.writeString(prom, "stale\n");
        ok("metrics", "--snapshot", guideHost(), "--textfile", dir.toString());
        assertThat(Files.readString(prom)).doesNotContain("stale").contains("sriovctl_check_status");
    }

    @Test
    void textfileMayNameTheFile() throws Exception {
        Path file = tmp.resolve("sriov-pve1.prom");
        ok("metrics", "--snapshot", guideHost(), "--textfile", file.toString());
        assertThat(Files.readString(file)).contains("sriovctl_pf_vfs_max{" + PF0 + "} 8\n");
    }

    @Test
    void aMissingTextfileDirectoryIsBadInputAndNothingIsWritten() {
        Path missing = tmp.resolve("no/such/dir");
        CliDriver.Result r = CliDriver.run("metrics", "--snapshot", guideHost(), "--textfile", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("no such directory").contains("/var/lib/prometheus/node-exporter");
        assertThat(Files.exists(tmp.resolve("no"))).isFalse();
    }

    @Test
    void aSimulatedHostWithAnActiveLagThenAPortDown() throws Exception {
        String sim = vfLagSim();
        String before = ok("metrics", "--sim", sim).out();
        assertThat(before)
                .contains("sriovctl_nic_lag_active{nic=\"0000:81:00\"} 1\n")
                .contains("sriovctl_nic_lag_shared_fdb{nic=\"0000:81:00\"} 1\n")
                .contains("sriovctl_bond_member_enabled{bond=\"bond0\",member=\"enp129s0f0np0\"} 1\n")
                .contains("sriovctl_bond_member_enabled{bond=\"bond0\",member=\"enp129s0f1np1\"} 1\n")
                .contains("sriovctl_pf_vfs_configured{" + PF0 + "} 0\n")
                .contains("sriovctl_check_status{check=\"bond-members-up\",subject=\"bond bond0\"} 0\n");

        ok("sim", "fault", sim, "link-down", "enp129s0f1np1");
        Path dir = Files.createDirectory(tmp.resolve("textfile"));
        ok("metrics", "--sim", sim, "--textfile", dir.toString());
        String after = Files.readString(dir.resolve("sriovctl.prom"));
        assertThat(after)
                .contains("sriovctl_bond_member_enabled{bond=\"bond0\",member=\"enp129s0f0np0\"} 1\n")
                .contains("sriovctl_bond_member_enabled{bond=\"bond0\",member=\"enp129s0f1np1\"} 0\n")
                .contains("sriovctl_check_status{check=\"bond-members-up\",subject=\"bond bond0\"} 2\n")
                .contains("sriovctl_nic_lag_active{nic=\"0000:81:00\"} 1\n"); // the LAG remaps onto the port that is up
        // written here, not into the simulated host's file system
        try (Stream<Path> s = Files.walk(Path.of(sim))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("sriovctl.prom")).toList()).isEmpty();
        }
    }

    @Test
    void aVfBoundToVfioPciOnASimulatedHostCountsAsAssigned() {
        String sim = tmp.resolve("pve2").toString();
        ok("sim", "create", "--profile", "cx6lx-2p", "--mode", "switchdev", "--vfs", "4,0", "-o", sim);
        String vf = "0000:81:00.3";
        for (List<String> w : List.of(
                List.of("/sys/bus/pci/devices/" + vf + "/driver/unbind", vf),
                List.of("/sys/bus/pci/devices/" + vf + "/driver_override", "vfio-pci"),
                List.of("/sys/bus/pci/drivers/vfio-pci/bind", vf))) {
            ok("sim", "write", sim, w.get(0), w.get(1));
        }
        assertThat(ok("metrics", "--sim", sim).out())
                .contains("sriovctl_pf_vfs_configured{" + PF0 + "} 4\n")
                .contains("sriovctl_pf_vfs_assigned{" + PF0 + "} 1\n")
                .contains("sriovctl_pf_vfs_assigned{" + PF1 + "} 0\n");
    }

    @Test
    void legacyModeWithVfsOnASimulatedHostIsAWarning() {
        String sim = tmp.resolve("pve3").toString();
        ok("sim", "create", "--profile", "cx6lx-2p", "--vfs", "2,0", "-o", sim);
        assertThat(ok("metrics", "--sim", sim).out())
                .contains("sriovctl_pf_eswitch_mode{" + PF0 + ",mode=\"legacy\"} 1\n")
                .contains("sriovctl_pf_eswitch_mode{" + PF0 + ",mode=\"switchdev\"} 0\n")
                .contains("sriovctl_check_status{check=\"eswitch-switchdev\",subject=\"enp129s0f0np0 (0000:81:00.0)\"} 1\n")
                .contains("sriovctl_check_status{check=\"eswitch-switchdev\",subject=\"enp129s0f1np1 (0000:81:00.1)\"} 0\n");
    }
}
