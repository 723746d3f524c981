package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.read;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Open vSwitch and ifupdown2 on the simulated kernel (NetworkTool, KernelLinkTable): ports join the kernel
 * datapath, vswitchd follows netdev changes, state survives across processes, and the guide's connectivity
 * model holds end to end.
 */
class NetworkToolTest {

    private static final String PF0 = "0000:81:00.0";
    private static final String PF1 = "0000:81:00.1";

    @TempDir
    Path tmp;

    private static String ipLink(SimHost h, String dev) {
        return run(h, "ip", "-d", "link", "show", "dev", dev).stdout();
    }

    private static void file(SimHost h, String path, String text) {
        h.writeFile(path, text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Test
    void aFreshHostHasOpenVswitchRunningAndTheInstallersNetwork() {
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(run(h, "ovs-vsctl", "show").stdout()).contains("ovs_version: \"3.1.0\"");
            assertThat(run(h, "systemctl", "is-active", "openvswitch-switch").stdout()).isEqualTo("active\n");
            assertThat(h.read("/etc/network/interfaces")).hasValueSatisfying(t -> assertThat(t)
                    .contains("iface vmbr0 inet static", "bridge-ports eno1", "source /etc/network/interfaces.d/*"));
            assertThat(ipLink(h, "eno1")).contains("master vmbr0").contains("bridge_slave");
            assertThat(ipLink(h, "vmbr0")).contains("state UP");
            assertThat(h.read("/var/log/openvswitch/ovs-vswitchd.log")).hasValueSatisfying(t ->
                    assertThat(t).contains("|00001|vlog|INFO|opened log file").contains("ovs-vswitchd (Open vSwitch) 3.1.0"));
        }
    }

    @Test
    void withoutTheOpenVswitchPackageItsCommandsDoNotExist() {
        try (SimHost h = Sims.guideLike(tmp)) {
            h.setExtension(NetworkTool.OVS, null);
            assertThat(h.run(List.of("ovs-vsctl", "show"))).isEmpty();
            assertThat(h.run(List.of("ovs-appctl", "bond/show"))).isEmpty();
            CommandResult r = run(h, "systemctl", "restart", "openvswitch-switch");
            assertThat(r.exitCode()).isEqualTo(5);
            assertThat(r.stderr()).isEqualTo("Failed to restart openvswitch-switch.service: Unit openvswitch-switch.service not found.\n");
        }
    }

    @Test
    void portsOfASystemBridgeAreEnslavedToTheDatapathAndReleased() {
        try (SimHost h = Sims.guideLike(tmp)) {
            run(h, "ovs-vsctl", "add-br", "vmbr1");
            assertThat(ipLink(h, "ovs-system")).contains("state DOWN").contains("openvswitch");
            assertThat(ipLink(h, "vmbr1")).doesNotContain("master"); // internal ports have no upper link
            assertThat(run(h, "ovs-vsctl", "add-port", "vmbr1", "enp129s0f0np0").exitCode()).isZero();
            // the guide's own ip -d link output of its uplink: master ovs-system, promiscuity 1, openvswitch_slave, no PROMISC flag
            assertThat(ipLink(h, "enp129s0f0np0")).contains("master ovs-system").contains("promiscuity 1")
                    .contains("openvswitch_slave").doesNotContain("PROMISC");
            run(h, "ovs-vsctl", "del-port", "vmbr1", "enp129s0f0np0");
            assertThat(ipLink(h, "enp129s0f0np0")).doesNotContain("master").contains("promiscuity 0");
            run(h, "ovs-vsctl", "del-br", "vmbr1");
            assertThat(h.run(List.of("ip", "link", "show", "dev", "ovs-system")).orElseThrow().exitCode()).isEqualTo(1);
            assertThat(h.run(List.of("ip", "link", "show", "dev", "vmbr1")).orElseThrow().exitCode()).isEqualTo(1);
        }
    }

    @Test
    void vswitchdOpensARepresentorOnceTheKernelCreatesIt() {
        try (SimHost h = Sims.guideLike(tmp)) {
            run(h, "ovs-vsctl", "add-br", "vmbr1");
            CommandResult add = run(h, "ovs-vsctl", "add-port", "vmbr1", "eth0");
            assertThat(add.exitCode()).isZero(); // ovs-vsctl only warns
            assertThat(run(h, "ovs-vsctl", "get", "Interface", "eth0", "ofport").stdout()).isEqualTo("-1\n");
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            echo(h, Sims.numvfs(PF0), "1"); // the representor appears as eth0 (systemd 252 keeps the kernel name)
            assertThat(run(h, "ovs-vsctl", "get", "Interface", "eth0", "ofport").stdout()).isEqualTo("1\n");
            assertThat(run(h, "ovs-vsctl", "get", "Interface", "eth0", "error").stdout()).isEqualTo("[]\n");
            assertThat(ipLink(h, "eth0")).contains("master ovs-system");
            echo(h, Sims.numvfs(PF0), "0");
            assertThat(run(h, "ovs-vsctl", "get", "Interface", "eth0", "error").stdout())
                    .isEqualTo("\"could not open network device eth0 (No such device)\"\n");
        }
    }

    @Test
    void stateOutlivesTheProcessAndReadOnlyCallsAreNotCountedByTheCrashFault() {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            run(h, "ovs-vsctl", "add-br", "vmbr1");
            file(h, "/etc/network/interfaces.d/test", "auto vmbr2\niface vmbr2 inet manual\n\tovs_type OVSBridge\n");
            assertThat(run(h, "ifreload", "-a").exitCode()).isZero();
        }
        try (SimHost h = SimHost.open(dir)) {
            h.setCrasher(() -> {
                throw new IllegalStateException("crashed");
            });
            h.crashAfter(0);
            assertThat(run(h, "ovs-vsctl", "list-br").stdout()).isEqualTo("vmbr1\nvmbr2\n");
            assertThat(run(h, "ovs-appctl", "bond/show").exitCode()).isZero();
            assertThat(run(h, "tc", "-j", "qdisc", "show").exitCode()).isZero();
            assertThatThrownBy(() -> run(h, "ovs-vsctl", "del-br", "vmbr1")).hasMessage("crashed");
        }
        try (SimHost h = SimHost.open(dir)) {
            assertThat(run(h, "ovs-vsctl", "list-br").stdout()).isEqualTo("vmbr1\nvmbr2\n");
            // ifupdown2 remembers what it brought up: ifdown works from that record
            assertThat(run(h, "ifdown", "vmbr2").exitCode()).isZero();
            assertThat(run(h, "ovs-vsctl", "list-br").stdout()).isEqualTo("vmbr1\n");
        }
    }

    @Test
    void aProcessKilledInAnOvsTransactionLeavesTheDatabaseAsBefore() throws Exception {
        Path dir;
        try (SimHost h = Sims.guideLike(tmp)) {
            dir = h.directory();
            h.crashAfter(0);
        }
        String d = dir.toString();
        // read-only calls are not counted by the crash fault
        assertThat(SimCli.exit(List.of("sim", "exec", d, "--", "ovs-vsctl", "show"))).isZero();
        assertThat(SimCli.exit(List.of("sim", "exec", d, "--", "ovs-appctl", "lacp/show"))).isZero();
        assertThat(SimCli.exit(List.of("sim", "exec", d, "--", "ovs-vsctl", "add-br", "vmbr1"))).isEqualTo(137);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(run(h, "ovs-vsctl", "list-br").stdout()).isEmpty();
            assertThat(h.faults()).isEmpty();
        }
    }

    @Test
    void offloadSettingsReachTheDaemonTheQdiscsAndItsLog() {
        try (SimHost h = Sims.guideLike(tmp)) {
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            run(h, "ovs-vsctl", "add-br", "vmbr1", "--", "add-port", "vmbr1", "enp129s0f0np0");
            run(h, "ip", "link", "set", "enp129s0f0np0", "up"); // vswitchd does not bring its ports up
            assertThat(run(h, "tc", "-j", "qdisc", "show", "dev", "enp129s0f0np0").stdout()).doesNotContain("ingress");
            run(h, "ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:hw-offload=true", "other_config:tc-policy=skip_sw");
            // lib/netdev-offload-tc.c: the flow API puts an ingress qdisc on each port of the kernel datapath
            assertThat(run(h, "tc", "-j", "qdisc", "show", "dev", "enp129s0f0np0").stdout())
                    .isEqualTo("[{\"kind\":\"mq\",\"handle\":\"0:\",\"dev\":\"enp129s0f0np0\",\"root\":true,\"refcnt\":2,\"options\":{}},"
                            + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"enp129s0f0np0\",\"parent\":\"ffff:fff1\",\"options\":{}}]\n");
            assertThat(h.read("/var/log/openvswitch/ovs-vswitchd.log")).hasValueSatisfying(t -> assertThat(t)
                    .containsPattern("\\|00010\\|netdev_offload\\|INFO\\|netdev: Flow API Enabled\n.*\\|00011\\|tc\\|INFO\\|tc: Using policy 'skip_sw'\n"));
            run(h, "systemctl", "restart", "openvswitch-switch");
            assertThat(h.read("/var/log/openvswitch/ovs-vswitchd.log").orElseThrow().lines().toList()).last().asString()
                    .endsWith("|00009|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0");
            // switchdev uplinks and representors offload TC rules (en_rep.c), a legacy PF does not by default
            assertThat(run(h, "ethtool", "-k", "enp129s0f0np0").stdout()).startsWith("Features for enp129s0f0np0:\n")
                    .contains("\nhw-tc-offload: on\n");
            assertThat(run(h, "ethtool", "-k", "enp129s0f1np1").stdout()).contains("\nhw-tc-offload: off\n");
            assertThat(run(h, "ethtool", "-k", "vmbr1").stdout()).contains("\nhw-tc-offload: off [fixed]\n");
        }
    }

    @Test
    void aPortLinkDownUnderTheGuidesOvsBondCutsThatPortsVfs() {
        try (SimHost h = Sims.guideLike(tmp)) {
            GuideHostExample.buildGuideHost(h);
            GuideHostExample.configureOpenVswitch(h);
            assertThat(run(h, "sim-probe", "vf", "0000:81:00.2").exitCode()).isZero();
            h.setPortLink(PF0, false);
            // the host keeps its network through the other member ...
            String bond = run(h, "ovs-appctl", "bond/show", "bond1").stdout();
            assertThat(bond).contains("member enp129s0f0np0: disabled").contains("member enp129s0f1np1: enabled");
            assertThat(run(h, "ovs-appctl", "lacp/show", "bond1").stdout()).contains("enp129s0f0np0: defaulted detached");
            // ... but the VFs of port 0 lose theirs: an OVS bond cannot move them to port 1 (the guide's readers' finding)
            CommandResult probe = run(h, "sim-probe", "vf", "0000:81:00.2");
            assertThat(probe.exitCode()).isEqualTo(1);
            assertThat(probe.stdout()).contains("no hardware LAG is active");
            h.setPortLink(PF0, true);
            assertThat(run(h, "sim-probe", "vf", "0000:81:00.2").exitCode()).isZero();
            assertThat(run(h, "ovs-appctl", "bond/show", "bond1").stdout()).contains("member enp129s0f0np0: enabled");
        }
    }

    @Test
    void registeredTrafficBecomesDatapathFlowsOffloadedByOvsRules() {
        try (SimHost h = Sims.guideLike(tmp)) {
            GuideHostExample.buildGuideHost(h);
            GuideHostExample.configureOpenVswitch(h);
            assertThat(run(h, "sim-traffic", "add", "enp129s0f0np0", "ovs-sw1pf0vf0", "--packets", "10").exitCode()).isZero();
            assertThat(run(h, "sim-traffic", "add", "ovs-sw1pf0vf0", "bond1").exitCode()).isZero();
            assertThat(run(h, "sim-traffic", "list").stdout()).isEqualTo(
                    "enp129s0f0np0 -> ovs-sw1pf0vf0 02:00:00:00:00:01 > c4:70:ff:ff:ff:e0, packets:10, bytes:15000\n"
                            + "ovs-sw1pf0vf0 -> bond1 c4:70:ff:ff:ff:e0 > 02:00:00:00:00:01, packets:1000, bytes:1500000\n");
            String flows = run(h, "ovs-appctl", "dpctl/dump-flows", "-m").stdout();
            // uplink -> representor: both ends offload, tc-policy skip_sw: in hardware
            assertThat(flows).containsPattern("in_port\\(enp129s0f0np0\\).*offloaded:yes, dp:tc, actions:ovs-sw1pf0vf0");
            // representor -> balance-tcp bond: hash and recirculation, which TC cannot take
            assertThat(flows).containsPattern("in_port\\(ovs-sw1pf0vf0\\).*dp:ovs, actions:hash\\(l4\\(0\\)\\),recirc");
            // ovs-dpctl reads the kernel datapath itself: the offloaded flow is not among its flows
            String dp = run(h, "ovs-dpctl", "dump-flows", "-m").stdout();
            assertThat(dp).contains("in_port(ovs-sw1pf0vf0)").doesNotContain("offloaded:yes");
            run(h, "sim-traffic", "clear");
            assertThat(run(h, "ovs-appctl", "dpctl/dump-flows", "-m").stdout()).isEmpty();
            assertThat(run(h, "sim-traffic", "add", "nope", "bond1").exitCode()).isEqualTo(1);
        }
    }

    @Test
    void withAnActiveVfLagUnderTheBridgeTheVfsKeepTheirNetwork() {
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withMode("switchdev").withVfs(List.of(2, 0)))) {
            // VF-LAG forms only while no VF is bound (mlx5 lag.c): unbind, bond, then give the VFs to vfio-pci
            for (String vf : List.of("0000:81:00.2", "0000:81:00.3")) echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", vf);
            file(h, "/etc/network/interfaces.d/vf-lag", """
                    auto bond0
                    iface bond0 inet manual
                    \tbond-slaves enp129s0f0np0 enp129s0f1np1
                    \tbond-mode 802.3ad
                    \tbond-miimon 100
                    \tbond-xmit-hash-policy layer3+4
                    \tovs_type OVSPort
                    \tovs_bridge vmbr1

                    auto vmbr1
                    iface vmbr1 inet manual
                    \tovs_type OVSBridge
                    \tovs_ports bond0 eth0 eth1

                    auto eth0
                    iface eth0 inet manual
                    \tovs_type OVSPort
                    \tovs_bridge vmbr1

                    auto eth1
                    iface eth1 inet manual
                    \tovs_type OVSPort
                    \tovs_bridge vmbr1
                    """);
            CommandResult reload = run(h, "ifreload", "-a");
            assertThat(reload.exitCode()).as(reload.stderr()).isZero();
            assertThat(read(h, "/sys/kernel/debug/mlx5/" + PF0 + "/lag/state")).isEqualTo("active");
            assertThat(ipLink(h, "bond0")).contains("master ovs-system");
            assertThat(ipLink(h, "enp129s0f0np0")).contains("master bond0");
            assertThat(run(h, "ovs-vsctl", "get", "Interface", "bond0", "ofport").stdout()).isNotEqualTo("-1\n");
            for (String vf : List.of("0000:81:00.2", "0000:81:00.3")) {
                echo(h, "/sys/bus/pci/devices/" + vf + "/driver_override", "vfio-pci");
                echo(h, "/sys/bus/pci/drivers_probe", vf);
            }
            h.setPortLink(PF0, false);
            CommandResult probe = run(h, "sim-probe", "vf", "0000:81:00.2");
            assertThat(probe.exitCode()).as(probe.stdout()).isZero();
            assertThat(probe.stdout()).contains("the hardware LAG carries it through port p1");
        }
    }

    @Test
    void unitFilesAreEnabledThroughTheirInstallSection() {
        try (SimHost h = Sims.guideLike(tmp)) {
            file(h, "/etc/systemd/system/x.service", "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
            assertThat(run(h, "systemctl", "is-enabled", "x.service").stdout()).isEqualTo("disabled\n");
            CommandResult en = run(h, "systemctl", "enable", "x.service");
            assertThat(en.stderr()).isEqualTo("Created symlink /etc/systemd/system/multi-user.target.wants/x.service \u2192 /etc/systemd/system/x.service.\n");
            assertThat(h.readLink("/etc/systemd/system/multi-user.target.wants/x.service")).hasValue("/etc/systemd/system/x.service");
            assertThat(run(h, "systemctl", "is-enabled", "x").stdout()).isEqualTo("enabled\n");
            assertThat(run(h, "systemctl", "disable", "x.service").stderr())
                    .isEqualTo("Removed \"/etc/systemd/system/multi-user.target.wants/x.service\".\n");
            assertThat(h.exists("/etc/systemd/system/multi-user.target.wants/x.service")).isFalse();
            CommandResult missing = run(h, "systemctl", "enable", "nope.service");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("Failed to enable unit: Unit file nope.service does not exist.\n");
            assertThat(run(h, "modprobe", "vfio-pci").exitCode()).isZero();
            assertThat(run(h, "modprobe", "nope").stderr()).isEqualTo("modprobe: FATAL: Module nope not found in directory /lib/modules/6.8.12-4-pve\n");
        }
    }

    @Test
    void theFirmwareQueryHasMstflintsLayout() {
        // mstflint mlxconfig/mlxcfg_ui.cpp: printOpening "%-16s%-16s", printConfHeader "%-16s%36s%16s%18s",
        // printSingleParam "         %-36s" then "%-16s" per column
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withTotalVfs(16))) {
            String out = run(h, "mstconfig", "-e", "-d", PF1, "query").stdout();
            assertThat(out).startsWith("\nDevice #1:\n----------\n\nDevice type:    ConnectX6LX     \n");
            assertThat(out).contains("Device:         0000:81:00.1    \n\nConfigurations:                              Default         Current         Next Boot\n");
            assertThat(out).contains("*        NUM_OF_VFS                          8               16              16              \n");
            assertThat(out).contains("         SRIOV_EN                            True(1)         True(1)         True(1)         \n");
            assertThat(out).endsWith("The '*' shows parameters with next value different from default/current value.\n");
            var parsed = dev.sriovctl.observe.MlxconfigQueryParser.parse(out);
            assertThat(parsed.get(0).param("NUM_OF_VFS").orElseThrow().effective()).isEqualTo("16");
        }
    }

    @Test
    void aTwinRebuildsTheCapturedOpenVswitch() {
        Path example = dev.sriovctl.Fixtures.repo().resolve("examples/guide-host");
        try (SimHost h = SnapshotTwin.create(example, tmp.resolve("twin"))) {
            assertThat(run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout())
                    .isEqualTo("bond1\novs-sw1pf0vf0\novs-sw1pf0vf1\novs-sw1pf0vf2\novs-sw1pf0vf3\n");
            assertThat(run(h, "ovs-vsctl", "get", "Port", "bond1", "bond_mode").stdout()).isEqualTo("balance-tcp\n");
            assertThat(run(h, "ovs-vsctl", "get", "Open_vSwitch", ".", "other_config:tc-policy").stdout()).isEqualTo("skip_sw\n");
            assertThat(run(h, "ovs-appctl", "lacp/show", "bond1").stdout()).contains("status: active negotiated");
            assertThat(ipLink(h, "ovs-sw1pf0vf0")).contains("master ovs-system");
        }
    }
}
