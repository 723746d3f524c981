package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.read;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mlx5 hardware LAG (drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c, notes/proxmox-api-and-vf-lag.md §7)
 * and what a port failure does to VFs with and without it (the guide's readers' finding).
 */
class LagTest {

    private static final String PF0 = "0000:81:00.0";
    private static final String PF1 = "0000:81:00.1";
    private static final String LAG = "/sys/kernel/debug/mlx5/0000:81:00.0/lag/";

    @TempDir
    Path tmp;

    /** Both ports in switchdev with 2 VFs on port 0, VFs unbound: ready for VF-LAG. */
    private SimHost switchdevHost(Path dir) {
        SimHost h = Sims.create(dir, SimOptions.defaults("cx6lx-2p").withMode("switchdev").withVfs(List.of(2, 0)));
        echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", "0000:81:00.2");
        echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", "0000:81:00.3");
        return h;
    }

    private static void bond(SimHost h, String mode) {
        assertThat(run(h, "ip", "link", "add", "bond0", "type", "bond", "mode", mode, "miimon", "100").exitCode()).isZero();
        run(h, "ip", "link", "set", "enp129s0f0np0", "master", "bond0");
        run(h, "ip", "link", "set", "enp129s0f1np1", "master", "bond0");
        run(h, "ip", "link", "set", "bond0", "up");
    }

    @Test
    void aBondOfBothPortsInSwitchdevActivatesTheLag() {
        try (SimHost h = switchdevHost(tmp)) {
            assertThat(read(h, LAG + "state")).isEqualTo("disabled");
            assertThat(h.read(LAG + "flags")).isEmpty(); // -EINVAL while inactive (lag/debugfs.c)
            bond(h, "802.3ad");
            assertThat(read(h, LAG + "state")).isEqualTo("active");
            assertThat(read(h, LAG + "type")).isEqualTo("switchdev");
            assertThat(h.read(LAG + "flags")).contains("shared_fdb:on\nfdb_selection_mode:native\n");
            assertThat(h.read(LAG + "mapping")).contains("1:1\n2:2\n");
            assertThat(h.read(LAG + "members")).contains("0000:81:00.0\n0000:81:00.1\n");
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0: lag map: port 1:1 port 2:2")
                    .contains("mlx5_core 0000:81:00.0: shared_fdb:1 mode:queue_affinity")
                    .contains("mlx5_core 0000:81:00.0: Operation mode is single FDB")
                    .contains("bond0: (slave enp129s0f0np0): Enslaving as a backup interface with an up link");
            assertThat(read(h, "/sys/class/net/bond0/bonding/mode")).isEqualTo("802.3ad 4");
            assertThat(read(h, "/sys/class/net/bond0/bonding/slaves")).isEqualTo("enp129s0f0np0 enp129s0f1np1");
        }
    }

    @Test
    void aBoundVfMakesTheFirmwareRefuseTheLag() {
        // fixtures/dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt
        try (SimHost h = switchdevHost(tmp)) {
            echo(h, "/sys/bus/pci/drivers/mlx5_core/bind", "0000:81:00.2");
            bond(h, "802.3ad");
            assertThat(read(h, LAG + "state")).isEqualTo("disabled");
            String log = Sims.log(h);
            String fixture = Fixtures.body("dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt");
            for (String text : List.of("CREATE_LAG(0x840) op_mod(0x0) failed, status bad parameter(0x3), syndrome (0x7d49cb)",
                    "Failed to create LAG (-22)", "Failed to activate VF LAG\n",
                    "               Make sure all VFs are unbound prior to VF LAG activation or deactivation")) {
                assertThat(fixture).contains(text);
                assertThat(log).contains(text);
            }
        }
    }

    @Test
    void kernelsBefore60PrintTheOlderLagMapLine() {
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withKernel("5.15").withMode("switchdev"))) {
            bond(h, "active-backup");
            // the 5.17 fixture's form
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0: lag map port 1:1 port 2:1 shared_fdb:1 mode:queue_affinity");
        }
    }

    @Test
    void aBondModeThatCannotBeOffloadedGetsTheDriversWarning() {
        // lag.c mlx5_handle_changeupper_event; the wording as ovs-tests' test-vf-lag-bond-modes expects it
        try (SimHost h = switchdevHost(tmp)) {
            run(h, "ip", "link", "add", "bond0", "type", "bond", "mode", "balance-rr");
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "master", "bond0").stderr()).isEmpty();
            CommandResult second = run(h, "ip", "link", "set", "enp129s0f1np1", "master", "bond0");
            assertThat(second.exitCode()).isZero();
            assertThat(second.stderr()).isEqualTo("Warning: mlx5_core: Can't activate LAG offload, TX type isn't supported.\n");
            assertThat(read(h, LAG + "state")).isEqualTo("disabled");
        }
    }

    @Test
    void theEswitchIsBusyWhileThePortIsEnslaved() {
        // netplan 32b19b8f: switch the e-switch before bonding; devlink's words from LNST-project/lnst#304
        try (SimHost h = Sims.guideLike(tmp)) {
            bond(h, "802.3ad");
            CommandResult r = run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("Error: mlx5_core: Can't change mode, E-Switch is busy.\nkernel answers: Device or resource busy\n");
        }
    }

    @Test
    void legacyPortsWithoutVfsFormARoceLag() {
        try (SimHost h = Sims.guideLike(tmp)) {
            bond(h, "802.3ad");
            assertThat(read(h, LAG + "type")).isEqualTo("roce");
            assertThat(h.read(LAG + "flags")).contains("shared_fdb:off\nfdb_selection_mode:affinity\n");
        }
    }

    @Test
    void withAnActiveLagVfsSurviveTheirPortGoingDown() {
        try (SimHost h = switchdevHost(tmp)) {
            bond(h, "802.3ad");
            run(h, "ip", "link", "set", "eth0", "up");
            run(h, "ip", "link", "set", "eth1", "up");
            assertThat(h.vfConnectivity("0000:81:00.2").connected()).isTrue();
            h.setPortLink(PF0, false);
            VfConnectivity c = h.vfConnectivity("0000:81:00.2");
            assertThat(c.connected()).isTrue();
            assertThat(c.reason()).contains("hardware LAG carries it through port p1");
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0 enp129s0f0np0: Link down")
                    .contains("bond0: (slave enp129s0f0np0): link status definitely down, disabling slave")
                    .contains("mlx5_core 0000:81:00.0: lag map: port 1:2 port 2:2");
            assertThat(h.read(LAG + "mapping")).contains("1:2\n2:2\n");
            CommandResult probe = run(h, "sim-probe", "vf", "0000:81:00.2");
            assertThat(probe.exitCode()).isZero();
            h.setPortLink(PF0, true);
            assertThat(h.read(LAG + "mapping")).contains("1:1\n2:2\n");
        }
    }

    @Test
    void withoutALagVfsOfTheFailedPortLoseConnectivity() {
        // the guide's readers: under an Open vSwitch bond, VMs on the unplugged port's VFs get no packets
        try (SimHost h = switchdevHost(tmp)) {
            run(h, "ip", "link", "set", "eth0", "up");
            run(h, "ip", "link", "set", "enp129s0f0np0", "up");
            h.setPortLink(PF0, false);
            VfConnectivity c = h.vfConnectivity("0000:81:00.2");
            assertThat(c.connected()).isFalse();
            assertThat(c.reason()).contains("port p0 is down and no hardware LAG is active");
            CommandResult probe = run(h, "sim-probe", "vf", "0000:81:00.2");
            assertThat(probe.exitCode()).isEqualTo(1);
            assertThat(probe.stdout()).startsWith("0000:81:00.2: no connectivity (port p0 is down");
        }
    }

    @Test
    void aDownRepresentorCutsItsVfInSwitchdev() {
        try (SimHost h = switchdevHost(tmp)) {
            assertThat(h.vfConnectivity("0000:81:00.3").reason()).isEqualTo("representor eth1 is down");
            run(h, "ip", "link", "set", "eth1", "up");
            assertThat(h.vfConnectivity("0000:81:00.3").connected()).isTrue();
        }
    }

    @Test
    void theKernelApiOfferedToOtherEmulationsCreatesAndDeletesBonds() {
        try (SimHost h = switchdevHost(tmp)) {
            SimKernel k = h.kernel();
            List<String> warnings = k.createBond("bond1", "802.3ad", Map.of("xmit_hash_policy", "layer3+4", "lacp_rate", "fast"),
                    List.of("enp129s0f0np0", "enp129s0f1np1"));
            assertThat(warnings).isEmpty();
            assertThat(read(h, LAG + "state")).isEqualTo("active");
            assertThat(k.link("bond1").orElseThrow().kind()).isEqualTo("bond");
            assertThat(k.link("enp129s0f0np0").orElseThrow().master()).isEqualTo("bond1");
            assertThatThrownBy(() -> k.createBond("bond1", "802.3ad", Map.of(), List.of()))
                    .isInstanceOf(KernelError.class).extracting(e -> ((KernelError) e).errno()).isEqualTo(Errno.EEXIST);
            k.deleteBond("bond1");
            assertThat(read(h, LAG + "state")).isEqualTo("disabled");
            assertThat(k.link("enp129s0f0np0").orElseThrow().master()).isNull();
        }
    }
}
