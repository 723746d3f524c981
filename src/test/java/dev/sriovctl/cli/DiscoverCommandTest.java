package dev.sriovctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoverCommandTest {

    @TempDir
    Path tmp;

    @Test
    void captureThenDiscoverRoundTripsOnThisMachine() throws Exception {
        Path archive = tmp.resolve("host.tar.gz");
        CliDriver.Result cap = CliDriver.run("capture", "-o", archive.toString());
        assertThat(cap.exitCode()).as(cap.err()).isZero();
        assertThat(archive).isRegularFile();

        CliDriver.Result json = CliDriver.run("discover", "--snapshot", archive.toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode inv = new ObjectMapper().readTree(json.out());
        // Every contract field of DESIGN section 4 is present, even when its value is unknown.
        assertThat(inv.has("hostname")).isTrue();
        assertThat(inv.path("iommu").has("enabled")).isTrue();
        assertThat(inv.path("iommu").has("groups")).isTrue();
        assertThat(inv.path("nics").isArray()).isTrue();
        assertThat(inv.path("ovs").has("running")).isTrue();
        assertThat(inv.path("ovs").has("otherConfig")).isTrue();
        assertThat(inv.path("ovs").has("bridges")).isTrue();
        assertThat(inv.path("bonds").isArray()).isTrue();

        // The same host read live and from its capture agree on what matters.
        CliDriver.Result live = CliDriver.run("discover", "-o", "json");
        JsonNode liveInv = new ObjectMapper().readTree(live.out());
        assertThat(inv.get("hostname")).isEqualTo(liveInv.get("hostname"));
        assertThat(inv.get("nics")).isEqualTo(liveInv.get("nics"));
        assertThat(inv.get("iommu")).isEqualTo(liveInv.get("iommu"));
    }

    /** On a Proxmox VE node the table and the picture name each VF's VM, from pmxcfs and qemu-server's reservations. */
    @Test
    void namesTheVmOfEachVfOnAProxmoxNode() throws Exception {
        Path dir = tmp.resolve("pve1");
        CliDriver.Result created = CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "--vfs", "4", "--mode", "switchdev", "-o", dir.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        CliDriver.Result plain = CliDriver.run("discover", "--sim", dir.toString());
        assertThat(plain.out()).contains("0000:81:00.3").doesNotContain(" VM ");

        Path vms = dir.resolve("fs/etc/pve/nodes/pve1/qemu-server");
        Files.createDirectories(vms);
        Files.writeString(vms.resolve("104.conf"), "name: db1\nhostpci0: 0000:81:00.3,pcie=1\n");
        Files.writeString(vms.resolve("105.conf"), "name: spare\nhostpci0: 0000:81:00.4\n");
        Files.writeString(vms.resolve("106.conf"), "name: web\nhostpci0: mapping=network\n");
        Path reservations = dir.resolve("fs/run/qemu-server/pci-id-reservations");
        Files.createDirectories(reservations.getParent());
        Files.writeString(reservations, "0000:81:00.3 104 time:" + (System.currentTimeMillis() / 1000 + 3600) + "\n");

        CliDriver.Result table = CliDriver.run("discover", "--sim", dir.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("IOMMU  VM");
        assertThat(line(table.out(), "0000:81:00.3")).endsWith("VM 104 (db1), starting");
        assertThat(line(table.out(), "0000:81:00.4")).endsWith("VM 105 (spare), stopped");
        assertThat(line(table.out(), "0000:81:00.2")).doesNotContain("VM");
        CliDriver.Result dot = CliDriver.run("discover", "--sim", dir.toString(), "-o", "dot");
        assertThat(dot.out()).contains("VM 104 (db1), starting").contains("VM 105 (spare), stopped").contains("passed to")
                .doesNotContain("web");
    }

    /**
     * Output is the same on every run: maps print in key order. (Map.copyOf iterates in an order salted per JVM,
     * which made the table and the JSON differ from one run to the next.)
     */
    @Test
    void mapsPrintInKeyOrderOnEveryRun() {
        String example = dev.sriovctl.Fixtures.repo().resolve("examples/guide-host").toString();
        CliDriver.Result table = CliDriver.run("discover", "--snapshot", example);
        assertThat(table.out()).contains("other_config {hw-offload=true, lacp-fallback-ab=true, tc-policy=skip_sw}");
        CliDriver.Result json = CliDriver.run("discover", "--snapshot", example, "-o", "json");
        String config = json.out().substring(json.out().indexOf("\"otherConfig\""));
        assertThat(config.indexOf("hw-offload")).isLessThan(config.indexOf("lacp-fallback-ab"));
        assertThat(config.indexOf("lacp-fallback-ab")).isLessThan(config.indexOf("tc-policy"));
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing) && !l.contains("VFs of")).findFirst().orElseThrow().strip();
    }

    @Test
    void saysPlainlyWhenNoSriovNicIsFound() {
        Path dir = tmp.resolve("snap");
        assertThat(CliDriver.run("capture", "-o", dir.toString()).exitCode()).isZero();
        CliDriver.Result table = CliDriver.run("discover", "--snapshot", dir.toString());
        assertThat(table.exitCode()).isZero();
        if (!table.out().contains("NIC 0000:")) {
            assertThat(table.out()).contains("No SR-IOV capable NIC was found");
        }
    }

    @Test
    void aBrokenSnapshotExitsTwoAndSaysNothingChanged() throws Exception {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir.resolve("fs"));
        Files.writeString(dir.resolve("snapshot.json"), "{\"format\": ");
        CliDriver.Result r = CliDriver.run("discover", "--snapshot", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("snapshot.json").contains("malformed JSON").contains("nothing was changed");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingSnapshotExitsTwo() {
        CliDriver.Result r = CliDriver.run("discover", "--snapshot", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("snapshot not found");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        CliDriver.Result r = CliDriver.run("discover", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("Unknown option").contains("--help");
    }

    @Test
    void anUnknownOutputFormatNamesTheValidOnes() {
        CliDriver.Result r = CliDriver.run("discover", "-o", "xml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("unknown output format 'xml'").contains("table, json, yaml");
    }

    @Test
    void snapshotAndSimAreMutuallyExclusive() {
        CliDriver.Result r = CliDriver.run("discover", "--snapshot", "a", "--sim", "b");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void helpListsTheExitCodes() {
        CliDriver.Result r = CliDriver.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("bad usage or bad input");
    }

    @Test
    void versionPrintsTheVersion() {
        CliDriver.Result r = CliDriver.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("sriovctl ");
    }

    @Test
    void captureRefusesANonEmptyDirectory() throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        CliDriver.Result r = CliDriver.run("capture", "-o", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("not an empty directory");
    }
}
