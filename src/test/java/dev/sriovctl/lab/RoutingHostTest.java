package dev.sriovctl.lab;

import dev.sriovctl.host.HostException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingHostTest {

    final MemoryHost sim = new MemoryHost("sim");
    final MemoryHost ovs = new MemoryHost("ovs");

    @Test
    void commandsGoByArgv0AndTheRestToOtherwise() {
        RoutingHost host = RoutingHost.builder("test").otherwise(sim).commands(ovs, List.of("ovs-vsctl", "ifreload")).build();
        ovs.command(List.of("ovs-vsctl", "show"), "bridges");
        sim.command(List.of("devlink", "dev"), "pci/0000:81:00.0");

        assertThat(host.run(List.of("ovs-vsctl", "show")).orElseThrow().stdout()).isEqualTo("bridges");
        assertThat(host.run(List.of("devlink", "dev")).orElseThrow().stdout()).isEqualTo("pci/0000:81:00.0");
        assertThat(ovs.seen).containsExactly("run ovs-vsctl show");
        assertThat(sim.seen).containsExactly("run devlink dev");
    }

    @Test
    void pathsGoToTheLongestPrefixOnWholeComponents() {
        MemoryHost etc = new MemoryHost("etc");
        RoutingHost host = RoutingHost.builder("test").otherwise(sim)
                .path("/etc/network/interfaces", ovs).path("/etc/network/interfaces.d", etc).path("/etc", sim).build();

        host.read("/etc/network/interfaces");
        host.read("/etc/network/interfaces.d/sriovctl");
        host.read("/etc/network/interfaces.dpkg-old");
        host.writeFile("/etc/network/interfaces.d/sriovctl", "x".getBytes(StandardCharsets.UTF_8), 0644);

        assertThat(ovs.seen).containsExactly("read /etc/network/interfaces");
        assertThat(etc.seen).containsExactly("read /etc/network/interfaces.d/sriovctl", "write /etc/network/interfaces.d/sriovctl");
        assertThat(sim.seen).containsExactly("read /etc/network/interfaces.dpkg-old");
    }

    @Test
    void dotDotCannotEscapeARoute() {
        RoutingHost host = RoutingHost.builder("test").otherwise(sim).path("/etc/network/interfaces.d", ovs).build();

        host.read("/etc/network/interfaces.d/../../passwd");

        assertThat(ovs.seen).isEmpty();
        assertThat(sim.seen).containsExactly("read /etc/passwd");
    }

    @Test
    void withoutOtherwiseAnUnroutedCommandOrPathIsRefusedByName() {
        RoutingHost host = RoutingHost.builder("lab only").commands(ovs, List.of("ovs-vsctl")).path("/etc/network", ovs).build();

        assertThatThrownBy(() -> host.run(List.of("udevadm", "trigger")))
                .isInstanceOf(HostException.class).hasMessageContaining("no route for command 'udevadm'").hasMessageContaining("ovs-vsctl");
        assertThatThrownBy(() -> host.writeFile("/etc/udev/rules.d/70-x.rules", new byte[0], 0644))
                .isInstanceOf(HostException.class).hasMessageContaining("no route for path /etc/udev/rules.d/70-x.rules");
        assertThat(ovs.seen).isEmpty();
    }

    @Test
    void theClockAndHostnameComeFromTheOtherwiseHostUnlessNamed() {
        RoutingHost simClock = RoutingHost.builder("t").commands(ovs, List.of("ovs-vsctl")).otherwise(sim).build();
        RoutingHost ovsClock = RoutingHost.builder("t").otherwise(sim).clock(ovs).build();

        simClock.pause(Duration.ofSeconds(5));
        ovsClock.pause(Duration.ofSeconds(2));

        assertThat(sim.paused).isEqualTo(Duration.ofSeconds(5));
        assertThat(ovs.paused).isEqualTo(Duration.ofSeconds(2));
        assertThat(simClock.hostname()).contains("sim");
        assertThat(ovsClock.hostname()).contains("ovs");
    }

    @Test
    void aRouteCannotBeGivenTwice() {
        RoutingHost.Builder b = RoutingHost.builder("t").command("ip", sim).path("/sys", sim);

        assertThatThrownBy(() -> b.command("ip", ovs)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ip");
        assertThatThrownBy(() -> b.path("/sys/", ovs)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/sys");
        assertThatThrownBy(() -> b.path("/", ovs)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otherwise");
    }
}
