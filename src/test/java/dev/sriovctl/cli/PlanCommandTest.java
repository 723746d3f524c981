package dev.sriovctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {

    @TempDir
    Path tmp;

    String guide() {
        return Fixtures.repo().resolve("examples/guide-host.yaml").toString();
    }

    @Test
    void plansTheGuideOnAFreshSnapshotWithReasonsAndDiffs() {
        Path snap = GuideHostSnapshot.write(tmp.resolve("snap"));
        CliDriver.Result r = CliDriver.run("plan", "--snapshot", snap.toString(), "-f", guide());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Plan for pve1 from " + guide() + ": 27 changes")
                .contains("SetEswitchMode       0000:81:00.0 (enp129s0f0np0)")
                .contains("devlink dev eswitch set pci/0000:81:00.0 mode switchdev")
                .contains("+++ b/etc/network/interfaces.d/sriovctl")
                .contains("+\tovs_options bond_mode=balance-tcp lacp=active other_config:lacp-fallback-ab=true");
    }

    @Test
    void jsonCarriesEveryStepWithItsActionsAndChecks() throws Exception {
        Path snap = GuideHostSnapshot.write(tmp.resolve("snap"));
        CliDriver.Result r = CliDriver.run("plan", "--snapshot", snap.toString(), "-f", guide(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("changes").asInt()).isEqualTo(27);
        assertThat(j.get("converged").asBoolean()).isFalse();
        JsonNode first = j.get("steps").get(3);
        assertThat(first.get("step").asText()).isEqualTo("SetNumVfs");
        assertThat(first.get("bootPhase").asText()).isEqualTo("pre");
        assertThat(first.get("actions").get(0).get("op").asText()).isEqualTo("write-attribute");
        assertThat(first.get("actions").get(0).get("path").asText()).isEqualTo("/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs");
        assertThat(first.get("verify").get(0).get("probe").asText()).isEqualTo("attribute-equals");
        assertThat(first.get("undo").get("actions").get(0).get("value").asText()).isEqualTo("0");
        assertThat(j.get("files")).anySatisfy(f -> assertThat(f.get("change").asText()).isEqualTo("create"));
        assertThat(j.get("findings")).anySatisfy(f -> assertThat(f.get("location").asText()).contains("guide-host.yaml:"));
    }

    @Test
    void invalidSpecsExitTwoWithEveryProblem() throws Exception {
        Path snap = GuideHostSnapshot.write(tmp.resolve("snap"));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "version: 1\nnics:\n  - name: sw1\n    ports:\n      - {pf: enp65s0f0np0, vfs: 4}\n      - {pf: enp129s0f0np0, vfs: 99}\n");
        CliDriver.Result r = CliDriver.run("plan", "--snapshot", snap.toString(), "-f", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: " + bad + ":5:14: unknown PF 'enp65s0f0np0'")
                .contains("error: " + bad + ":6:34: 99 VFs requested").contains("mstconfig -d 0000:81:00.0 set SRIOV_EN=1 NUM_OF_VFS=99")
                .contains("nothing was changed.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadDurationIsAUsageError() {
        CliDriver.Result r = CliDriver.run("plan", "-f", guide(), "--confirm-within", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'soon' is not a duration");
    }
}
