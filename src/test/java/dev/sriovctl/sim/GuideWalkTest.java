package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Walks the guide's manual steps one by one with {@code sim exec} / {@code sim write} on a fresh
 * cx6lx-2p twin (legacy, no VFs). The guide (../shared/guide.txt) is read in place, never copied: its
 * udev rules, its outputs. The walk ends in the guide's final kernel state, except that the guide's own
 * rule, keyed on switch id 52ac120003bd70c4 while this NIC reports 3264160003bd70c4, visibly fails to
 * create the VFs and to rename the representors. The Open vSwitch part (bridge, bond, representors as
 * ports, {@code master ovs-system}) belongs to the Open vSwitch emulation and is not walked here.
 */
class GuideWalkTest {

    private static final String RULES = "/etc/udev/rules.d/70-persistent-net-vf.rules";

    @TempDir
    Path tmp;

    private String guide;
    private String dir;

    @BeforeEach
    void readGuide() throws IOException {
        Path p = Fixtures.shared().resolve("guide.txt");
        assumeTrue(Files.isRegularFile(p), "../shared/guide.txt is absent: the guide walk is skipped");
        guide = Files.readString(p, StandardCharsets.UTF_8);
        dir = tmp.resolve("pve1").toString();
        assertThat(CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "-o", dir).exitCode()).isZero();
    }

    private String exec(String... argv) {
        List<String> args = new ArrayList<>(List.of("sim", "exec", dir, "--"));
        args.addAll(List.of(argv));
        CliDriver.Result r = CliDriver.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("%s: %s", String.join(" ", argv), r.err()).isZero();
        return r.out();
    }

    private void write(String path, String value) {
        CliDriver.Result r = CliDriver.run("sim", "write", dir, path, value);
        assertThat(r.exitCode()).as("echo %s > %s: %s", value, path, r.err()).isZero();
    }

    /** The guide's udev rules file, one rule per line (the guide's text lost its line breaks). */
    private String guideRules() {
        Matcher m = Pattern.compile("(?m)^# Ingress bond interface KERNELS==.*$").matcher(guide);
        assertThat(m.find()).as("the guide's rules line").isTrue();
        return String.join("\n", m.group().split("\\s+(?=# |KERNELS==|SUBSYSTEM==)")) + "\n";
    }

    private String guideOutput(String regex) {
        Matcher m = Pattern.compile(regex).matcher(guide);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    @Test
    void theGuidesStepsEndInItsStateButItsRuleNamesNothing() {
        // "Find the network interface name": the same kernel line as on the guide's host
        String renamed = guideOutput("dmesg \\| grep 81:00\\.0 \\| grep renamed (mlx5_core [^\\n]*eth2)");
        assertThat(exec("dmesg")).contains(renamed);
        // "We need to find the switchid": the NIC the guide discovered
        String switchId = guideOutput("ip -d link show enp129s0f0np0 5: .*? switchid (\\w+) ");
        assertThat(exec("ip", "-d", "link", "show", "enp129s0f0np0")).contains("switchid " + switchId + " ");
        assertThat(exec("dmesg")).contains("DMAR: IOMMU enabled");

        // "Configure the network adapter to the switchdev mode": the guide's rules file, then a reboot
        // (udev replays every device's "add" event, as at boot)
        String rules = guideRules();
        CliDriver.Result w = CliDriver.run("sim", "exec", dir, "--", "udevadm", "control", "--reload");
        assertThat(w.exitCode()).isZero();
        try (SimHost h = SimHost.open(Path.of(dir))) {
            h.writeFile(RULES, rules.getBytes(StandardCharsets.UTF_8), 0644);
        }
        exec("udevadm", "control", "--reload");
        exec("udevadm", "trigger", "--action=add");
        exec("udevadm", "settle");
        // rule 1 (PCI add, keyed on the PCI address) ran devlink: both ports are in switchdev
        assertThat(exec("devlink", "dev", "eswitch", "show")).isEqualTo(
                "pci/0000:81:00.0: mode switchdev inline-mode none encap-mode basic\n"
                        + "pci/0000:81:00.1: mode switchdev inline-mode none encap-mode basic\n");
        // rule 2 keys on 52ac120003bd70c4: the NIC reports another id, so no VF was created
        assertThat(rules).contains("52ac120003bd70c4");
        assertThat(exec("ip", "-d", "link", "show", "enp129s0f0np0")).doesNotContain("vf 0 ");

        // what rule 2 meant to do, by hand; the VFs appear where the guide passes them to VMs (0000:81:00.2-.5)
        write("/sys/class/net/enp129s0f0np0/device/sriov_numvfs", "4");
        try (SimHost h = SimHost.open(Path.of(dir))) {
            for (int i = 0; i < 4; i++) {
                assertThat(h.readLink("/sys/class/net/enp129s0f0np0/device/virtfn" + i)).contains("../0000:81:00." + (2 + i));
            }
        }
        // the MTU, the VF MACs and the links up, as the guide's final output shows them
        for (String port : List.of("enp129s0f0np0", "enp129s0f1np1")) {
            exec("ip", "link", "set", port, "mtu", "9000");
            exec("ip", "link", "set", port, "up");
        }
        Matcher vf = Pattern.compile("vf (\\d) link/ether (\\S+) brd ff:ff:ff:ff:ff:ff, spoof checking off, link-state auto, trust off, query_rss off")
                .matcher(guide);
        List<String> guideVfs = new ArrayList<>();
        while (vf.find()) {
            exec("ip", "link", "set", "enp129s0f0np0", "vf", vf.group(1), "mac", vf.group(2));
            guideVfs.add("    vf " + vf.group(1) + "     link/ether " + vf.group(2)
                    + " brd ff:ff:ff:ff:ff:ff, spoof checking off, link-state auto, trust off, query_rss off");
        }
        assertThat(guideVfs).hasSize(4);
        // the representors: phys_port_name pf0vf0..3 on this NIC's switch, and rule 3 left them unnamed
        List<String> reps = new ArrayList<>();
        try (SimHost h = SimHost.open(Path.of(dir))) {
            for (String n : h.list("/sys/class/net/enp129s0f0np0/device/net")) {
                if (h.read("/sys/class/net/" + n + "/phys_port_name").orElse("").startsWith("pf0vf")) reps.add(n);
            }
        }
        assertThat(reps).containsExactlyInAnyOrder("eth0", "eth1", "eth2", "eth3");
        for (String rep : reps) {
            exec("ip", "link", "set", rep, "mtu", "9000");
            exec("ip", "link", "set", rep, "up");
        }
        // VMs start: Proxmox binds the mapped VFs to vfio-pci
        for (int i = 2; i <= 5; i++) {
            String pci = "0000:81:00." + i;
            write("/sys/bus/pci/devices/" + pci + "/driver_override", "vfio-pci");
            write("/sys/bus/pci/drivers/mlx5_core/unbind", pci);
            write("/sys/bus/pci/drivers_probe", pci);
        }

        String pf = exec("ip", "-d", "link", "show", "enp129s0f0np0");
        assertThat(pf).contains("<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc mq state UP")
                .contains("portname p0 switchid 3264160003bd70c4");
        for (String line : guideVfs) assertThat(pf).contains(line);
        // "ip -d link show | grep ovs-sw": the guide lists ovs-sw1pf0vf0..3; this host has none
        String all = exec("ip", "-d", "link", "show");
        assertThat(guide).contains("ovs-sw1pf0vf0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000");
        assertThat(all).doesNotContain("ovs-sw");
        CliDriver.Result discover = CliDriver.run("discover", "--sim", dir, "-o", "json");
        assertThat(discover.exitCode()).isZero();
        assertThat(discover.out()).contains("\"eswitchMode\" : \"switchdev\"").contains("\"representor\" : \"eth0\"")
                .contains("\"driver\" : \"vfio-pci\"").contains("\"mac\" : \"c4:70:ff:ff:ff:e0\"");
    }

    @Test
    void theSameRuleKeyedOnTheSwitchIdTheNicReportsDoesItsJob() {
        // the guide's rules with the id this NIC reports (changed in memory only)
        String rules = guideRules().replace("52ac120003bd70c4", "3264160003bd70c4");
        try (SimHost h = SimHost.open(Path.of(dir))) {
            h.writeFile(RULES, rules.getBytes(StandardCharsets.UTF_8), 0644);
        }
        exec("udevadm", "trigger", "--action=add");
        try (SimHost h = SimHost.open(Path.of(dir))) {
            assertThat(h.read("/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs")).contains("4\n");
            assertThat(h.list("/sys/class/net")).contains("ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3");
        }
    }
}
