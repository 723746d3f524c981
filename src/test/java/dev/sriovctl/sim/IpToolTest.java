package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.IpLinkJsonParser;
import dev.sriovctl.observe.ObservedLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.numvfs;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ip link} on the simulated host: VF settings with iproute2's and the kernel's refusals
 * (mlx5 eswitch.c / legacy.c), and the output formats of ip/ipaddress.c.
 */
class IpToolTest {

    private static final String PF0 = "0000:81:00.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void vfSettingsShowInBothOutputFormats() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "2");
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "mac", "c4:70:ff:ff:ff:e0").exitCode()).isZero();
            assertThat(run(h, "ip", "link", "set", "dev", "enp129s0f0np0", "vf", "1", "vlan", "10", "qos", "3", "trust", "on",
                    "spoofchk", "on", "max_tx_rate", "1000", "state", "enable").exitCode()).isZero();
            String text = run(h, "ip", "link", "show", "enp129s0f0np0").stdout();
            assertThat(text).contains("    vf 0     link/ether c4:70:ff:ff:ff:e0 brd ff:ff:ff:ff:ff:ff, spoof checking off, link-state auto, trust off, query_rss off")
                    .contains("    vf 1     link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff, vlan 10, qos 3, tx rate 1000 (Mbps), max_tx_rate 1000Mbps,"
                            + " spoof checking on, link-state enable, trust on, query_rss off");
            List<ObservedLink> links = IpLinkJsonParser.parse(run(h, "ip", "-d", "-j", "link", "show").stdout());
            ObservedLink pf = links.stream().filter(l -> l.name().equals("enp129s0f0np0")).findFirst().orElseThrow();
            assertThat(pf.vfs()).hasSize(2);
            assertThat(pf.vfs().get(0).mac()).isEqualTo("c4:70:ff:ff:ff:e0");
            assertThat(pf.vfs().get(0).vlan()).isZero();
            assertThat(pf.vfs().get(1).vlan()).isEqualTo(10);
            assertThat(pf.vfs().get(1).trust()).isTrue();
            assertThat(pf.vfs().get(1).spoofchk()).isTrue();
            assertThat(pf.vfs().get(1).maxTxRate()).isEqualTo(1000);
            assertThat(pf.vfs().get(1).linkState()).isEqualTo("enable");
            assertThat(pf.maxMtu()).isEqualTo(9978);
            assertThat(pf.portName()).isEqualTo("p0");
            assertThat(pf.switchId()).isEqualTo("3264160003bd70c4");
        }
    }

    @Test
    void refusalsUseIproute2sWords() {
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "2");
            CommandResult range = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "5", "mac", "c4:70:ff:ff:ff:e0");
            assertThat(range.exitCode()).isEqualTo(2);
            assertThat(range.stderr()).isEqualTo("RTNETLINK answers: Invalid argument\n");
            CommandResult vlan = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "vlan", "4096");
            assertThat(vlan.stderr()).isEqualTo("RTNETLINK answers: Invalid argument\n");
            CommandResult multicast = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "mac", "01:00:5e:00:00:01");
            assertThat(multicast.stderr()).isEqualTo("RTNETLINK answers: Invalid argument\n");
            CommandResult badMac = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "mac", "zz");
            assertThat(badMac.exitCode()).isEqualTo(255);
            assertThat(badMac.stderr()).isEqualTo("\"zz\" is invalid lladdr.\n");
            CommandResult noDev = run(h, "ip", "link", "set", "nope", "up");
            assertThat(noDev.exitCode()).isEqualTo(1);
            assertThat(noDev.stderr()).isEqualTo("Cannot find device \"nope\"\n");
            CommandResult mtu = run(h, "ip", "link", "set", "enp129s0f0np0", "mtu", "9979");
            assertThat(mtu.stderr()).isEqualTo("Error: mtu greater than device maximum.\n");
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "mtu", "9000").exitCode()).isZero();
            CommandResult option = run(h, "ip", "-x", "link");
            assertThat(option.exitCode()).isEqualTo(255);
            assertThat(option.stderr()).isEqualTo("Option \"-x\" is unknown, try \"ip -help\".\n");
        }
    }

    @Test
    void aVlanOnAVfIsRefusedInSwitchdevExceptZero() {
        // mlx5 eswitch.c mlx5_eswitch_set_vport_vlan: not legacy -> 0 is accepted "for compatibility with libvirt", else -EOPNOTSUPP
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withMode("switchdev").withVfs(List.of(1, 0)))) {
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "vlan", "0").exitCode()).isZero();
            CommandResult r = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "vlan", "10");
            assertThat(r.stderr()).isEqualTo("RTNETLINK answers: Operation not supported\n");
            // mlx5_eswitch_set_vport_spoofchk/_trust: "if (esw->mode != MLX5_ESWITCH_LEGACY) err = -EOPNOTSUPP"
            for (String key : List.of("trust", "spoofchk")) {
                CommandResult t = run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", key, "on");
                assertThat(t.exitCode()).as(key).isEqualTo(2);
                assertThat(t.stderr()).as(key).isEqualTo("RTNETLINK answers: Operation not supported\n");
            }
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "vf", "0", "mac", "c4:70:ff:ff:ff:e0").exitCode()).isZero();
        }
    }

    @Test
    void renamesNeedTheDeviceDownAndAFreeName() {
        try (SimHost h = Sims.guideLike(tmp)) {
            run(h, "ip", "link", "set", "enp129s0f0np0", "up");
            assertThat(run(h, "ip", "link", "set", "enp129s0f0np0", "name", "uplink0").stderr())
                    .isEqualTo("RTNETLINK answers: Device or resource busy\n");
            assertThat(run(h, "ip", "link", "set", "enp129s0f1np1", "name", "enp129s0f0np0").stderr())
                    .isEqualTo("RTNETLINK answers: File exists\n");
            assertThat(run(h, "ip", "link", "set", "enp129s0f1np1", "name", "uplink1").exitCode()).isZero();
            assertThat(h.exists("/sys/class/net/uplink1/device/sriov_numvfs")).isTrue();
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.1 uplink1: renamed from enp129s0f1np1")
                    .contains("mlx5_core 0000:81:00.0 enp129s0f0np0: Link up");
            assertThat(run(h, "ip", "link", "set", "uplink1", "name", "a-name-far-too-long").exitCode()).isEqualTo(255);
        }
    }

    @Test
    void jsonKeysComeInIproute2sOrder() throws Exception {
        // the lab's iproute2 6.1 capture (fixtures/ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt) fixes the
        // order of the keys both outputs share; mlx5-only keys (phys_port_name ...) follow iproute2's source
        JsonNode lab = JSON.readTree(Fixtures.body("ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt"));
        List<String> labKeys = keys(lab.get(2));
        try (SimHost h = Sims.guideLike(tmp)) {
            echo(h, numvfs(PF0), "1");
            JsonNode ours = JSON.readTree(run(h, "ip", "-d", "-j", "link", "show", "enp129s0f0np0").stdout()).get(0);
            List<String> shared = new ArrayList<>(keys(ours));
            shared.retainAll(labKeys);
            List<String> labShared = new ArrayList<>(labKeys);
            labShared.retainAll(shared);
            assertThat(shared).isEqualTo(labShared).hasSizeGreaterThan(20);
            assertThat(keys(ours)).endsWith("phys_port_name", "phys_switch_id", "parentbus", "parentdev", "vfinfo_list");
            JsonNode lo = JSON.readTree(run(h, "ip", "-d", "-j", "link", "show", "lo").stdout()).get(0);
            assertThat(keys(lo)).isEqualTo(keys(lab.get(0)));
        }
    }

    @Test
    void detailedTextMatchesTheGuidesShape() {
        // fixtures/ip-link/proxmox-cx6lx-pf-ip-d-link-before-and-after-switchdev-ovs.txt, first output (fresh host)
        String fixture = Fixtures.body("ip-link/proxmox-cx6lx-pf-ip-d-link-before-and-after-switchdev-ovs.txt").split("\n\n")[0];
        try (SimHost h = Sims.guideLike(tmp)) {
            String ours = run(h, "ip", "-d", "link", "show", "enp129s0f0np0").stdout();
            // the fixture's host had ifindex 5; words after it are the same, the trailing space aside
            assertThat(ours.strip().substring(ours.indexOf(':'))).isEqualTo(fixture.strip().substring(fixture.indexOf(':')));
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
