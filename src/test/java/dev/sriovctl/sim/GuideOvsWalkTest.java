package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Open vSwitch part of the guide, walked on the simulated host with the guide's own text read in place
 * (../shared/guide.txt, never copied): the two lines its ovs-ctl patch adds, a restart, its
 * /etc/network/interfaces stanzas and its interfaces.d file, {@code ifreload -a}. The kernel part is
 * GuideWalkTest's; here the representors carry the guide's names (its rule with the switch id this NIC
 * reports), so the end state can be compared with the outputs the guide prints.
 */
class GuideOvsWalkTest {

    @TempDir
    Path tmp;

    private String guide;

    @BeforeEach
    void readGuide() throws IOException {
        Path p = Fixtures.shared().resolve("guide.txt");
        assumeTrue(Files.isRegularFile(p), "../shared/guide.txt is absent: the guide's Open vSwitch walk is skipped");
        guide = Files.readString(p, StandardCharsets.UTF_8);
    }

    private String find(String regex) {
        Matcher m = Pattern.compile(regex).matcher(guide);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** The guide's text lost its line breaks: a stanza starts at auto/iface, an option at its keyword. */
    private static String unflatten(String flat) {
        return flat.replaceAll("\\s+(?=auto |iface )", "\n").replaceAll("\\s+(?=(ovs_\\w+|address) )", "\n\t")
                .replaceAll("(?m)^(auto \\S+) ", "$1\n") + "\n";
    }

    private static void file(SimHost h, String path, String text) {
        h.writeFile(path, text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Test
    void theGuidesOpenVswitchStepsEndInTheStateItPrints() {
        try (SimHost h = Sims.guideLike(tmp)) {
            // the kernel side, as the guide's rules would leave it on a NIC they match: switchdev, 4 VFs, named representors
            run(h, "devlink", "dev", "eswitch", "set", "pci/0000:81:00.0", "mode", "switchdev");
            run(h, "devlink", "dev", "eswitch", "set", "pci/0000:81:00.1", "mode", "switchdev");
            file(h, "/etc/udev/rules.d/70-test.rules", "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_switch_id}==\"3264160003bd70c4\", "
                    + "ATTR{phys_port_name}!=\"p[0-9]*\", ATTR{phys_port_name}!=\"\", NAME=\"ovs-sw1$attr{phys_port_name}\"\n");
            echo(h, Sims.numvfs("0000:81:00.0"), "4");
            for (int i = 2; i <= 5; i++) echo(h, "/sys/bus/pci/drivers/mlx5_core/unbind", "0000:81:00." + i);

            // the two lines the guide's patch adds to ovs-ctl's start, then the restart it asks for
            Matcher patch = Pattern.compile("\\+ ovs_vsctl -- (set Open_vSwitch \\. [^|]*?) \\|\\|:").matcher(guide);
            int lines = 0;
            while (patch.find()) {
                List<String> argv = new java.util.ArrayList<>(List.of("ovs-vsctl", "--"));
                argv.addAll(List.of(patch.group(1).strip().split("\\s+")));
                assertThat(run(h, argv.toArray(String[]::new)).exitCode()).isZero();
                lines++;
            }
            assertThat(lines).isEqualTo(2);
            run(h, "systemctl", "restart", "openvswitch-switch");
            // "ovs-vsctl get Open_vSwitch . other_config": exactly what the guide prints
            String printed = find("(\\{hw-offload=\"true\", lacp-fallback-ab=\"true\", tc-policy=skip_sw\\})");
            assertThat(run(h, "ovs-vsctl", "get", "Open_vSwitch", ".", "other_config").stdout()).isEqualTo(printed + "\n");

            // its interfaces stanzas and its interfaces.d file, then ifupdown2 (the reboot's networking.service)
            String main = find("(?m)^(auto enp129s0f0np0 iface enp129s0f0np0 inet manual .*)$");
            String reps = find("(?m)^# Add VFs to the offloaded switch (auto ovs-sw1pf0vf0 .*)$");
            String installer = h.read("/etc/network/interfaces").orElseThrow();
            file(h, "/etc/network/interfaces", installer + "\n" + unflatten(main));
            file(h, "/etc/network/interfaces.d/ovs-sw1.conf", unflatten(reps));
            CommandResult reload = run(h, "ifreload", "-a");
            // ifupdown2 3.0.0 configures the OVS bond, then fails on its missing netdev (lab README §6)
            assertThat(reload.exitCode()).isEqualTo(1);
            assertThat(reload.stderr()).isEqualTo("error: ifname bond1 not present in cache\n");

            // "ip -d link show enp129s0f0np0" and the representors' lines, as the guide prints them (ifindex aside)
            String uplink = find("\\d+: (enp129s0f0np0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc mq master ovs-system state UP "
                    + "mode DEFAULT group default qlen 1000 link/ether c4:70:bd:16:64:32 brd ff:ff:ff:ff:ff:ff promiscuity 1 )");
            String pf = run(h, "ip", "-d", "link", "show", "enp129s0f0np0").stdout().replaceAll("\\s+", " ");
            assertThat(pf).contains(uplink).contains(" openvswitch_slave ");
            Matcher rep = Pattern.compile("\\d+: (ovs-sw1pf0vf\\d: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc mq master ovs-system state UP "
                    + "mode DEFAULT group default qlen 1000)").matcher(guide);
            int seen = 0;
            String all = run(h, "ip", "link", "show").stdout();
            while (rep.find()) {
                assertThat(all).contains(rep.group(1));
                seen++;
            }
            assertThat(seen).isEqualTo(4);

            // the bond negotiates, but lacp-fallback-ab on the Open_vSwitch table does nothing (vswitch.xml: a Port key)
            String bond = run(h, "ovs-appctl", "bond/show", "bond1").stdout();
            assertThat(bond).contains("bond_mode: balance-tcp").contains("lacp_status: negotiated").contains("lacp_fallback_ab: false");
            assertThat(run(h, "ovs-vsctl", "list-ports", "vmbr1").stdout())
                    .isEqualTo("bond1\novs-sw1pf0vf0\novs-sw1pf0vf1\novs-sw1pf0vf2\novs-sw1pf0vf3\n");
        }
    }
}
