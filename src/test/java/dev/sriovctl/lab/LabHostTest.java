package dev.sriovctl.lab;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.observe.IpLinkJsonParser;
import dev.sriovctl.observe.ObservedLink;
import dev.sriovctl.observe.OvsBondShowParser;
import dev.sriovctl.observe.OvsdbTableParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What reaches the lab through {@link LabHost}, and that nothing else does. */
@Tag("lab")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LabHostTest {

    @RegisterExtension
    static final OvsLabExtension LAB = new OvsLabExtension(LabTopology.guideHost(2).withHostBridge("vmbr1", "bond1"));

    @Test
    void interfacesFilesAreTheLabsOwnAndWrittenAtomically() throws Exception {
        LabHost host = LAB.host();
        String path = "/etc/network/interfaces.d/lab-host-test";

        host.writeFile(path, "auto x\n".getBytes(StandardCharsets.UTF_8), 0644);

        Path file = LAB.lab().hostFile(path);
        assertThat(file).hasContent("auto x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(host.list("/etc/network/interfaces.d")).contains("lab-host-test");
        // the private ifupdown2 reads the lab's own path; the host sees its host path, as on a real host
        assertThat(LAB.lab().hostFile("/etc/network/interfaces")).content()
                .contains("source " + LAB.lab().hostFile("/etc/network/interfaces.d") + "/*");
        assertThat(host.read("/etc/network/interfaces")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("source /etc/network/interfaces.d/*\n");
        assertThat(Path.of(path)).doesNotExist();
        host.deleteFile(path);
        assertThat(file).doesNotExist();
        assertThat(host.exists(path)).isFalse();
    }

    @Test
    void anExtraDirectoryCanBeMappedIntoTheLab() {
        LabHost host = LAB.host().withDirectory("/var/lib/sriovctl");

        host.writeFile("/var/lib/sriovctl/journal.json", "{}".getBytes(StandardCharsets.UTF_8), 0600);

        assertThat(LAB.lab().hostFile("/var/lib/sriovctl/journal.json")).hasContent("{}");
        assertThat(host.paths()).contains("/var/lib/sriovctl", "/etc/network/interfaces", "/sys/class/net");
        assertThatThrownBy(() -> LAB.host().read("/var/lib/sriovctl/journal.json")).isInstanceOf(HostException.class);
    }

    @Test
    void pathsOutsideTheLabAreRefusedWithWhatItHandles() {
        LabHost host = LAB.host();

        assertThatThrownBy(() -> host.read("/etc/passwd")).isInstanceOf(HostException.class)
                .hasMessageContaining("cannot access /etc/passwd").hasMessageContaining("/etc/network/interfaces.d")
                .hasMessageContaining("RoutingHost");
        assertThatThrownBy(() -> host.writeFile("/etc/udev/rules.d/70-sriovctl.rules", new byte[0], 0644))
                .isInstanceOf(HostException.class).hasMessageContaining("cannot write /etc/udev/rules.d/70-sriovctl.rules");
        assertThatThrownBy(() -> host.writeAttribute("/sys/class/net/enp129s0f0np0/mtu", "9000"))
                .isInstanceOf(HostException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> host.read("/etc/network/interfaces.d/../../passwd"))
                .isInstanceOf(HostException.class).hasMessageContaining("normalized");
    }

    @Test
    void ipShowsTheLabsLinksAndNotThisMachines() {
        List<ObservedLink> links = IpLinkJsonParser.parse(LAB.host().run(CommandCatalog.ipLinkDetails()).orElseThrow().stdoutOrThrow());

        assertThat(links).extracting(ObservedLink::name)
                .contains("enp129s0f0np0", "enp129s0f1np1", "ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "tor-p0", "vmbr1")
                .doesNotContain("eth0");
        assertThat(links).filteredOn(l -> l.name().equals("enp129s0f0np0")).singleElement()
                .satisfies(l -> assertThat(l.kind()).isEqualTo("veth"));
    }

    @Test
    void sysClassNetIsReadInsideTheLabNamespace() {
        Host host = LAB.host();

        assertThat(host.read("/sys/class/net/enp129s0f0np0/mtu")).contains("1500\n");
        assertThat(host.list("/sys/class/net")).contains("lo", "enp129s0f0np0", "ovs-sw1pf0vf1").doesNotContain("eth0");
        assertThat(host.readLink("/sys/class/net/ovs-sw1pf0vf0")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("devices/virtual/net/ovs-sw1pf0vf0");
        assertThat(host.isDirectory("/sys/class/net/vmbr1")).isTrue();
        assertThat(host.exists("/sys/class/net/eth0")).isFalse();
        assertThat(host.read("/sys/class/net/eth0/mtu")).isEmpty();
    }

    @Test
    void ovsToolsTalkToThePrivateDaemonsOnly() {
        Host host = LAB.host();

        OvsdbTableParser.Row ovs = OvsdbTableParser.parse(host.run(CommandCatalog.ovsList("Open_vSwitch")).orElseThrow().stdoutOrThrow()).get(0);

        assertThat(ovs.map("external_ids").get("system-id")).startsWith("lab-");
        assertThat(ovs.map("other_config")).containsEntry("userspace-tso-enable", "true");
        assertThat(ovs.string("ovs_version")).isNotBlank();
        assertThat(OvsBondShowParser.parse(host.run(CommandCatalog.ovsBondShow()).orElseThrow().stdoutOrThrow()))
                .extracting(OvsBondShowParser.BondStatus::name).contains("bond1", LabTopology.TOR_BOND);
        assertThat(host.run(List.of("systemctl", "is-active", "ovs-vswitchd.service")).orElseThrow().stdout()).isEqualTo("active\n");
    }

    @Test
    void commandsOutsideTheLabAreRefused() {
        LabHost host = LAB.host();

        for (List<String> argv : List.of(List.of("udevadm", "trigger"), List.of("devlink", "dev", "eswitch", "show"),
                List.of("ip", "netns", "list"), List.of("ip", "-n", "other", "link"), List.of("ip", "link", "set", "x", "netns", "y"),
                List.of("systemctl", "restart", "networking"), List.of("systemctl", "stop", "openvswitch-switch"),
                List.of("sysctl", "-w", "net.ipv4.ip_forward=1"))) {
            assertThatThrownBy(() -> host.run(argv)).as(String.join(" ", argv)).isInstanceOf(HostException.class)
                    .hasMessageContaining("the OVS lab host cannot");
        }
        assertThatThrownBy(() -> host.run(List.of("ifreload", "-a"))).isInstanceOf(HostException.class)
                .hasMessageContaining("withIfupdown2");
    }

    @Test
    void aRoutingHostCombinesAnotherHostsNicWithTheLabsOvs() {
        LabHost lab = LAB.host();
        MemoryHost nic = new MemoryHost("simulated NIC")
                .file("/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs", "4\n")
                .command(CommandCatalog.devlinkEswitchShow("0000:81:00.0"), "{\"dev\":{}}");
        Host host = RoutingHost.builder("sim + lab").otherwise(nic)
                .commands(lab, lab.commands()).paths(lab, lab.paths()).build();

        assertThat(host.read("/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs")).contains("4\n");
        assertThat(host.run(CommandCatalog.devlinkEswitchShow("0000:81:00.0")).orElseThrow().stdout()).isEqualTo("{\"dev\":{}}");
        assertThat(host.run(CommandCatalog.ovsLacpShow()).orElseThrow().stdout()).contains("---- bond1 ----");
        assertThat(host.read("/sys/class/net/vmbr1/mtu")).isPresent();
        host.writeFile("/etc/network/interfaces.d/routed", "\n".getBytes(StandardCharsets.UTF_8), 0644);
        assertThat(LAB.lab().hostFile("/etc/network/interfaces.d/routed")).exists();
        assertThat(nic.seen).containsExactly("read /sys/bus/pci/devices/0000:81:00.0/sriov_numvfs",
                "run devlink -j dev eswitch show pci/0000:81:00.0");
        host.deleteFile("/etc/network/interfaces.d/routed");
    }
}
