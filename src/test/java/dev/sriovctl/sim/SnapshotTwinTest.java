package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code sim create --from SNAPSHOT}: a twin that discovers like the captured host and then behaves like a NIC. */
class SnapshotTwinTest {

    @TempDir
    Path tmp;

    @Test
    void aTwinDiscoversLikeTheHostItWasMadeFrom() throws Exception {
        String snapshot = Fixtures.repo().resolve("examples/guide-host").toString();
        String twin = tmp.resolve("twin").toString();
        assertThat(CliDriver.run("sim", "create", "--from", snapshot, "-o", twin).exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode captured = json.readTree(CliDriver.run("discover", "--snapshot", snapshot, "-o", "json").out());
        JsonNode simulated = json.readTree(CliDriver.run("discover", "--sim", twin, "-o", "json").out());
        // where the LAG's debugfs files were read differs, nothing else
        for (JsonNode d : List.of(captured, simulated)) ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("nics").get(0).get("lag")).remove("source");
        assertThat(simulated.get("nics")).isEqualTo(captured.get("nics"));
        assertThat(simulated.get("iommu")).isEqualTo(captured.get("iommu"));
        assertThat(simulated.get("hostname")).isEqualTo(captured.get("hostname"));
        assertThat(simulated.get("kernel")).isEqualTo(captured.get("kernel"));
        try (SimHost h = SimHost.open(Path.of(twin))) {
            // the captured log is the twin's log
            assertThat(h.kernelLog()).contains("[    4.122440] mlx5_core 0000:81:00.0 enp129s0f0np0: renamed from eth2");
            // and it behaves: the VMs hold the VFs, so the e-switch cannot change
            var r = run(h, "devlink", "dev", "eswitch", "set", "pci/0000:81:00.0", "mode", "legacy");
            assertThat(r.stderr()).startsWith("Error: mlx5_core: Failed setting eswitch to legacy.");
            assertThat(h.vfConnectivity("0000:81:00.2").connected()).isTrue();
        }
    }

    @Test
    void aTwinOfABondedHostKeepsItsBondAndLag() {
        Path source = tmp.resolve("source");
        try (SimHost h = SimBuilder.create(source, SimOptions.defaults("cx6lx-2p").withMode("switchdev").withVfs(List.of(0)))) {
            run(h, "ip", "link", "add", "bond0", "type", "bond", "mode", "802.3ad");
            run(h, "ip", "link", "set", "enp129s0f0np0", "master", "bond0");
            run(h, "ip", "link", "set", "enp129s0f1np1", "master", "bond0");
            SimSnapshot.write(h, tmp.resolve("snap"), "2026-01-01T00:00:00Z");
        }
        try (SimHost twin = SnapshotTwin.create(tmp.resolve("snap"), tmp.resolve("twin"))) {
            assertThat(twin.read("/sys/class/net/bond0/bonding/slaves")).contains("enp129s0f0np0 enp129s0f1np1\n");
            assertThat(twin.read("/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).contains("active\n");
        }
    }
}
