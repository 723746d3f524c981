package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.DevlinkEswitchParser;
import dev.sriovctl.observe.EswitchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.numvfs;
import static dev.sriovctl.sim.Sims.read;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * devlink e-switch mode rules (drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c
 * mlx5_devlink_eswitch_mode_set), representors (Documentation/networking/representors.rst) and the
 * devlink output formats (iproute2 devlink/devlink.c pr_out_eswitch).
 */
class EswitchRulesTest {

    private static final String PF0 = "0000:81:00.0";
    private static final String PF1 = "0000:81:00.1";

    @TempDir
    Path tmp;

    private static CommandResult setMode(SimHost h, String pf, String mode) {
        return run(h, "devlink", "dev", "eswitch", "set", "pci/" + pf, "mode", mode);
    }

    @Test
    void eswitchShowPrintsTheTextAndJsonFormsOfDevlink() {
        try (SimHost h = Sims.guideLike(tmp)) {
            CommandResult text = run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0);
            // same shape as fixtures/devlink/eswitch-show-proxmox-cx6-switchdev-inline-none.txt
            assertThat(text.stdout()).isEqualTo("pci/0000:81:00.0: mode legacy inline-mode none encap-mode basic\n");
            assertThat(Fixtures.body("devlink/eswitch-show-proxmox-cx6-switchdev-inline-none.txt"))
                    .containsPattern(Pattern.compile("^pci/\\S+: mode \\S+ inline-mode \\S+ encap-mode \\S+$", Pattern.MULTILINE));
            CommandResult json = run(h, "devlink", "-j", "dev", "eswitch", "show", "pci/" + PF0);
            assertThat(json.stdout()).isEqualTo(
                    "{\"dev\":{\"pci/0000:81:00.0\":{\"mode\":\"legacy\",\"inline-mode\":\"none\",\"encap-mode\":\"basic\"}}}\n");
            assertThat(DevlinkEswitchParser.parse(json.stdout()).get(0).mode()).isEqualTo(EswitchMode.LEGACY);
            CommandResult pretty = run(h, "devlink", "-jp", "dev", "eswitch", "show", "pci/" + PF0);
            assertThat(pretty.stdout()).contains("\n    \"dev\": {\n        \"pci/0000:81:00.0\": {\n            \"mode\": \"legacy\",");
            assertThat(DevlinkEswitchParser.parse(pretty.stdout()).get(0).inlineMode()).isEqualTo("none");
            CommandResult missing = run(h, "devlink", "dev", "eswitch", "show", "pci/0000:99:00.0");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("kernel answers: No such device\n");
        }
    }

    @Test
    void connectX4LxReportsInlineModeLink() {
        // fixtures/devlink/eswitch-show-cx4lx-legacy-then-switchdev-opennebula.txt: "inline-mode link"
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx4lx-2p"))) {
            assertThat(run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0).stdout())
                    .isEqualTo("pci/0000:81:00.0: mode legacy inline-mode link encap-mode basic\n");
        }
    }

    @Test
    void switchdevWithoutVfsIsAllowedFromKernel59() {
        // "net/mlx5: E-switch, Reduce dependency on num_vfs during mode set" (~5.9; notes §8)
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(setMode(h, PF0, "switchdev").exitCode()).isZero();
            assertThat(run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0).stdout()).contains("mode switchdev");
        }
        try (SimHost h = Sims.create(tmp.resolve("old"), SimOptions.defaults("cx6lx-2p").withKernel("5.4"))) {
            CommandResult r = setMode(h, PF0, "switchdev");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("Error: mlx5_core: Can't set offloads mode, SRIOV legacy not enabled.\n"
                    + "kernel answers: Invalid argument\n");
        }
    }

    @Test
    void switchingWithVfsBoundToADriverIsRefused() {
        // NVIDIA OVS-Kernel Hardware Offloads: unbind VFs before switchdev ("VMs with attached VFs must be
        // powered off"); sriov-network-operator#1015 shows devlink's EINVAL from this step
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "2");
            CommandResult r = setMode(h, PF0, "switchdev");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("Error: mlx5_core: Failed setting eswitch to offloads.\nkernel answers: Invalid argument\n");
            echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", "0000:81:00.2");
            echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", "0000:81:00.3");
            assertThat(setMode(h, PF0, "switchdev").exitCode()).isZero();
        }
    }

    @Test
    void firmwareQuirkRefusesSwitchdevOnceVfsExist() {
        // sriov-network-operator#1015: ConnectX-6 Lx firmware 26.42.1000, "bad resource state(0x9)"
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withQuirk(true))) {
            echo(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_drivers_autoprobe", "0");
            echo(h, numvfs(PF0), "2");
            CommandResult r = setMode(h, PF0, "switchdev");
            assertThat(r.stderr()).startsWith("Error: mlx5_core: Failed setting eswitch to offloads.");
            assertThat(Sims.log(h)).contains("CREATE_FLOW_TABLE(0x930) op_mod(0x0) failed, status bad resource state(0x9), syndrome (0x98afbb), err(-22)")
                    .contains("E-Switch: Failed to create slow path FDB Table err -22");
            // the documented fallback: switchdev first, then VFs
            echo(h, numvfs(PF0), "0");
            assertThat(setMode(h, PF0, "switchdev").exitCode()).isZero();
            assertThat(echo(h, numvfs(PF0), "2")).isEqualTo("ok");
        }
    }

    @Test
    void switchdevCreatesOneRepresentorPerVfWithPortNameAndSwitchId() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_drivers_autoprobe", "0");
            echo(h, numvfs(PF0), "4");
            assertThat(Sims.net(h, PF0)).containsExactly("enp129s0f0np0");
            assertThat(setMode(h, PF0, "switchdev").exitCode()).isZero();
            List<String> net = Sims.net(h, PF0);
            assertThat(net).hasSize(5).contains("enp129s0f0np0");
            for (String rep : net) {
                if (rep.equals("enp129s0f0np0")) continue;
                String dir = "/sys/class/net/" + rep;
                assertThat(read(h, dir + "/phys_port_name")).matches("pf0vf[0-3]");
                assertThat(read(h, dir + "/phys_switch_id")).isEqualTo("3264160003bd70c4");
            }
            assertThat(read(h, "/sys/class/net/enp129s0f0np0/phys_port_name")).isEqualTo("p0");
            assertThat(read(h, "/sys/class/net/enp129s0f1np1/phys_port_name")).isEqualTo("p1");
            // a VF netdev has no port name: reading it fails (EOPNOTSUPP)
            echo(h, "/sys/bus/pci/drivers/mlx5_core/bind", "0000:81:00.2");
            assertThat(h.read("/sys/class/net/enp129s0f0v0/phys_port_name")).isEmpty();
            // messages of the change (fixtures/dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt)
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0: E-Switch: Disable: mode(LEGACY), nvfs(4), active vports(5)")
                    .contains("mlx5_core 0000:81:00.0: E-Switch: Enable: mode(OFFLOADS), nvfs(4), active vports(5)");
        }
    }

    @Test
    void representorsVanishWithTheVfsAndInLegacyMode() {
        try (SimHost h = Sims.guideLike(tmp)) {
            setMode(h, PF0, "switchdev");
            echo(h, numvfs(PF0), "3");
            assertThat(Sims.net(h, PF0)).hasSize(4);
            echo(h, numvfs(PF0), "0");
            assertThat(Sims.net(h, PF0)).containsExactly("enp129s0f0np0");
            echo(h, "/sys/bus/pci/devices/" + PF0 + "/sriov_drivers_autoprobe", "0");
            echo(h, numvfs(PF0), "2");
            assertThat(Sims.net(h, PF0)).hasSize(3);
            assertThat(setMode(h, PF0, "legacy").exitCode()).isZero();
            assertThat(Sims.net(h, PF0)).containsExactly("enp129s0f0np0");
        }
    }

    @Test
    void debianTwelveKeepsKernelNamesOnRepresentorsAndSystemd255NamesThem() {
        // systemd udev-builtin-net_id.c: v255 NAMING_SR_IOV_R gives <pf>r<N>; before, n<phys_port_name>
        // makes enp129s0f0npf0vf0 (17 characters > IFNAMSIZ-1), so the eth name stays
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withMode("switchdev").withVfs(List.of(2, 0)))) {
            assertThat(Sims.net(h, PF0)).containsExactlyInAnyOrder("enp129s0f0np0", "eth0", "eth1");
        }
        try (SimHost h = Sims.create(tmp.resolve("v255"), SimOptions.defaults("cx6lx-2p").withSystemd(255)
                .withMode("switchdev").withVfs(List.of(2, 0)))) {
            assertThat(Sims.net(h, PF0)).containsExactlyInAnyOrder("enp129s0f0np0", "enp129s0f0r0", "enp129s0f0r1");
        }
    }

    @Test
    void sameModeIsNoChange() {
        try (SimHost h = Sims.guideLike(tmp)) {
            int lines = h.kernelLog().size();
            assertThat(setMode(h, PF1, "legacy").exitCode()).isZero();
            assertThat(h.kernelLog()).hasSize(lines);
        }
    }

    @Test
    void badArgumentsAreRefusedByDevlinkItself() {
        try (SimHost h = Sims.guideLike(tmp)) {
            CommandResult r = setMode(h, PF0, "offloads");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("Unknown eswitch mode \"offloads\"\n");
            CommandResult inline = run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "inline-mode", "transport");
            assertThat(inline.stderr()).isEqualTo("Error: mlx5_core: Inline mode can't be set.\nkernel answers: Operation not supported\n");
        }
    }

    @Test
    void iceRefusesModeChangesWhileVfsExist() {
        // drivers/net/ethernet/intel/ice/ice_eswitch.c ice_eswitch_mode_set
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("e810-2p"))) {
            assertThat(run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0).stdout()).isEqualTo("pci/0000:81:00.0: mode legacy\n");
            echo(h, numvfs(PF0), "2");
            CommandResult r = setMode(h, PF0, "switchdev");
            assertThat(r.stderr()).startsWith("Error: ice: Changing eswitch mode is allowed only if there is no VFs created.");
            assertThat(Sims.net(h, "0000:81:01.0")).hasSize(1);
        }
    }
}
