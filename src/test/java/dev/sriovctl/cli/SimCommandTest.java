package dev.sriovctl.cli;

import dev.sriovctl.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sriovctl sim ...} and {@code --sim DIR} on the other commands. */
class SimCommandTest {

    @TempDir
    Path tmp;

    private String create(String... extra) {
        String dir = tmp.resolve("pve1").toString();
        String[] args = new String[4 + extra.length];
        args[0] = "sim";
        args[1] = "create";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[2 + extra.length] = "-o";
        args[3 + extra.length] = dir;
        CliDriver.Result r = CliDriver.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("enp129s0f0np0, enp129s0f1np1");
        return dir;
    }

    @Test
    void discoverShowsAFreshHostInLegacyModeWithoutVfs() throws Exception {
        String dir = create("--profile", "cx6lx-2p");
        CliDriver.Result r = CliDriver.run("discover", "--sim", dir, "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode inv = new ObjectMapper().readTree(r.out());
        assertThat(inv.get("hostname").asText()).isEqualTo("pve1");
        assertThat(inv.get("iommu").get("enabled").asBoolean()).isTrue();
        assertThat(inv.get("iommu").get("groups").asInt()).isEqualTo(44);
        JsonNode nic = inv.get("nics").get(0);
        assertThat(nic.get("id").asText()).isEqualTo("0000:81:00");
        assertThat(nic.get("model").asText()).isEqualTo("ConnectX-6 Lx");
        assertThat(nic.get("deviceId").asText()).isEqualTo("101f");
        for (int i = 0; i < 2; i++) {
            JsonNode pf = nic.get("pfs").get(i);
            assertThat(pf.get("pci").asText()).isEqualTo("0000:81:00." + i);
            assertThat(pf.get("netdev").asText()).isEqualTo("enp129s0f" + i + "np" + i);
            assertThat(pf.get("driver").asText()).isEqualTo("mlx5_core");
            assertThat(pf.get("eswitchMode").asText()).isEqualTo("legacy");
            assertThat(pf.get("numVfs").asInt()).isZero();
            assertThat(pf.get("totalVfs").asInt()).isEqualTo(8);
            assertThat(pf.get("switchId").asText()).isEqualTo("3264160003bd70c4");
            assertThat(pf.get("portName").asText()).isEqualTo("p" + i);
            assertThat(pf.get("vfs")).isEmpty();
        }
        CliDriver.Result table = CliDriver.run("discover", "--sim", dir);
        assertThat(table.out()).contains("0000:81:00.0  enp129s0f0np0  mlx5_core  p0    legacy   0/8");
    }

    @Test
    void discoverSeesVfsAndRepresentorsOfASwitchdevHost() throws Exception {
        String dir = create("--profile", "cx6lx-2p", "--mode", "switchdev", "--vfs", "4,0", "--systemd", "255");
        JsonNode pf = new ObjectMapper().readTree(CliDriver.run("discover", "--sim", dir, "-o", "json").out())
                .get("nics").get(0).get("pfs").get(0);
        assertThat(pf.get("eswitchMode").asText()).isEqualTo("switchdev");
        assertThat(pf.get("numVfs").asInt()).isEqualTo(4);
        JsonNode vf = pf.get("vfs").get(3);
        assertThat(vf.get("pci").asText()).isEqualTo("0000:81:00.5");
        assertThat(vf.get("representor").asText()).isEqualTo("enp129s0f0r3");
        assertThat(vf.get("driver").asText()).isEqualTo("mlx5_core");
        assertThat(vf.get("netdev").asText()).isEqualTo("enp129s0f0v3");
        assertThat(vf.get("iommuGroup").asInt()).isEqualTo(47);
    }

    @Test
    void simWritePrintsWhatTheShellPrints() {
        String dir = create("--profile", "cx6lx-2p");
        String numvfs = "/sys/class/net/enp129s0f0np0/device/sriov_numvfs";
        assertThat(CliDriver.run("sim", "write", dir, numvfs, "4").exitCode()).isZero();
        CliDriver.Result busy = CliDriver.run("sim", "write", dir, numvfs, "2");
        assertThat(busy.exitCode()).isEqualTo(1);
        assertThat(busy.err()).isEqualTo("echo: write error: Device or resource busy\n");
        CliDriver.Result ro = CliDriver.run("sim", "write", dir, "/sys/class/net/enp129s0f0np0/device/sriov_totalvfs", "2");
        assertThat(ro.err()).isEqualTo("/sys/class/net/enp129s0f0np0/device/sriov_totalvfs: Permission denied\n");
    }

    @Test
    void simExecExitsWithTheCommandsCode() {
        String dir = create("--profile", "cx6lx-2p");
        CliDriver.Result ok = CliDriver.run("sim", "exec", dir, "--", "devlink", "dev", "eswitch", "show", "pci/0000:81:00.1");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEqualTo("pci/0000:81:00.1: mode legacy inline-mode none encap-mode basic\n");
        CliDriver.Result bad = CliDriver.run("sim", "exec", dir, "--", "ip", "link", "set", "nope", "up");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("Cannot find device \"nope\"\n");
        CliDriver.Result none = CliDriver.run("sim", "exec", dir, "--", "pvesh", "get", "/nodes");
        assertThat(none.exitCode()).isEqualTo(127);
        assertThat(none.err()).startsWith("pvesh: command not found on the simulated host");
    }

    @Test
    void planOnAFreshSimulatedHostListsTheGuideSpecsSteps() {
        String dir = create("--profile", "cx6lx-2p");
        CliDriver.Result plan = CliDriver.run("plan", "-f", Fixtures.repo().resolve("examples/guide-host.yaml").toString(), "--sim", dir);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).startsWith("Plan for pve1 from ").contains("SetNumVfs", "SetEswitchMode", "SetOvsOtherConfig", "IfReload", "BindVf");
        // Open vSwitch is installed on a fresh simulated host, so the plan can compare its state
        assertThat(plan.err()).doesNotContain("Open vSwitch was not found");
    }

    @Test
    void aHostCreatedWithoutOpenVswitchHasNoOvsCommands() {
        String dir = create("--profile", "cx6lx-2p", "--no-openvswitch");
        CliDriver.Result r = CliDriver.run("sim", "exec", dir, "--", "ovs-vsctl", "show");
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(CliDriver.run("discover", "--sim", dir, "-o", "json").out()).contains("\"running\" : null");
    }

    @Test
    void faultsAreInjectedListedAndCleared() {
        String dir = create("--profile", "cx6lx-2p", "--mode", "switchdev", "--vfs", "1,0");
        CliDriver.run("sim", "exec", dir, "--", "ip", "link", "set", "eth0", "up");
        CliDriver.Result down = CliDriver.run("sim", "fault", dir, "link-down", "enp129s0f0np0");
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).isEqualTo("link down: 0000:81:00.0\n");
        CliDriver.Result cmd = CliDriver.run("sim", "fault", dir, "command", "--exit", "2", "--stderr", "boom", "--", "ip", "link", "set");
        assertThat(cmd.out()).contains("command fails (exit 2): ip link set ...");
        CliDriver.Result failed = CliDriver.run("sim", "exec", dir, "--", "ip", "link", "set", "eth0", "down");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err()).isEqualTo("boom\n");
        CliDriver.Result status = CliDriver.run("sim", "status", dir);
        assertThat(status.out()).contains("port link DOWN").contains("NO CONNECTIVITY (port p0 is down and no hardware LAG is active");
        CliDriver.Result json = CliDriver.run("sim", "status", dir, "-o", "json");
        assertThat(json.out()).contains("\"connected\" : false");
        assertThat(CliDriver.run("sim", "fault", dir, "clear").out()).isEqualTo("no faults\n");
        CliDriver.Result unknown = CliDriver.run("sim", "fault", dir, "meteor");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown fault 'meteor'");
    }

    @Test
    void createRefusesBadInputWithExitTwo() {
        CliDriver.Result profile = CliDriver.run("sim", "create", "--profile", "cx9", "-o", tmp.resolve("x").toString());
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("unknown profile 'cx9'").contains("cx6lx-2p");
        CliDriver.Result vfs = CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "--vfs", "9", "-o", tmp.resolve("y").toString());
        assertThat(vfs.exitCode()).isEqualTo(2);
        assertThat(vfs.err()).contains("more than its sriov_totalvfs (8)");
        CliDriver.Result both = CliDriver.run("sim", "create", "-o", tmp.resolve("z").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        CliDriver.Result missing = CliDriver.run("discover", "--sim", tmp.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("simulated host not found");
    }
}
