package dev.sriovctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.InputException;
import dev.sriovctl.cli.CliDriver;
import dev.sriovctl.cli.ExitCode;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.LocalHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sriovctl bench} for real: iperf3 between two network namespaces joined by a veth pair
 * (addresses in 198.18.0.0/15, the benchmarking range; no traffic leaves the namespaces). Needs
 * root, iproute2 and iperf3 (.ci/run installs them); skipped with the reason otherwise. The
 * namespaces are removed after each test.
 */
class BenchTest {

    private static final LocalHost LOCAL = new LocalHost();
    private final String client = "sriovctl-bt-" + ProcessHandle.current().pid() + "-c";
    private final String server = "sriovctl-bt-" + ProcessHandle.current().pid() + "-s";
    private final List<String> created = new ArrayList<>();

    private static CommandResult sh(String... argv) {
        Optional<CommandResult> r = LOCAL.run(List.of(argv));
        Assumptions.assumeTrue(r.isPresent(), argv[0] + " is not installed: bench test skipped");
        return r.get();
    }

    @BeforeEach
    void namespaces() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "not root: cannot create network namespaces, the iperf3 bench test is SKIPPED");
        Assumptions.assumeTrue(LOCAL.run(List.of("iperf3", "--version")).isPresent(),
                "iperf3 is not installed (apt-get install iperf3): the bench test is SKIPPED");
        for (String ns : List.of(client, server)) {
            CommandResult r = sh("ip", "netns", "add", ns);
            Assumptions.assumeTrue(r.ok(), "cannot create a network namespace here (" + r.stderr().strip() + "): SKIPPED");
            created.add(ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        assertThat(sh("ip", "link", "add", "bt0", "netns", client, "type", "veth", "peer", "name", "bt1", "netns", server).ok()).isTrue();
        sh("ip", "-n", client, "addr", "add", "198.18.101.1/30", "dev", "bt0");
        sh("ip", "-n", server, "addr", "add", "198.18.101.2/30", "dev", "bt1");
        sh("ip", "-n", client, "link", "set", "bt0", "up");
        sh("ip", "-n", server, "link", "set", "bt1", "up");
    }

    @AfterEach
    void cleanUp() {
        for (String ns : created) sh("ip", "netns", "del", ns);
    }

    @Test
    void measuresThroughputAgainstTheVethLinkSpeed() throws Exception {
        CliDriver.Result r = CliDriver.run("bench", "--netns", client, "--server-netns", server,
                "--server", "198.18.101.2", "--port", "5291", "-P", "2", "-t", "1", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // the interface comes from the route to the server; veth reports 10000 Mb/s in sysfs
        assertThat(j.path("device").asText()).isEqualTo("bt0");
        assertThat(j.path("linkSpeedMbps").asInt()).isEqualTo(10000);
        assertThat(j.path("linkSpeedSource").asText()).isEqualTo("sysfs /sys/class/net/bt0/speed");
        assertThat(j.path("streams").asInt()).isEqualTo(2);
        assertThat(j.path("receivedGbps").asDouble()).isPositive();
        assertThat(j.path("lineRatePercent").asDouble())
                .isCloseTo(j.path("receivedGbps").asDouble() * 10, org.assertj.core.data.Offset.offset(0.1));
        assertThat(j.has("retransmits")).isTrue();
        assertThat(j.path("hostCpuPercent").isNumber()).isTrue();
        assertThat(j.path("iperf3Version").asText()).startsWith("iperf 3.");
        // the one-off server is gone
        assertThat(sh("ip", "netns", "exec", server, "ss", "-H", "-l", "-t", "-n", "sport = :5291").stdout()).isBlank();
    }

    @Test
    void printsATableByDefault() {
        CliDriver.Result r = CliDriver.run("bench", "--netns", client, "--server-netns", server,
                "--server", "198.18.101.2", "--port", "5292", "--dev", "bt0", "-P", "1", "-t", "1", "--reverse");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 stream").contains("server 198.18.101.2 → client")
                .contains("INTERFACE").contains("bt0").contains("10 Gb/s").contains("Gb/s");
    }

    @Test
    void noServerListeningExitsThreeWithIperf3sReason() {
        CliDriver.Result r = CliDriver.run("bench", "--netns", client, "--server", "198.18.101.2", "--port", "5293", "-t", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.HOST_ERROR);
        assertThat(r.err()).contains("iperf3 failed: unable to connect to server");
    }

    @Test
    void badRequestsAreInputErrors() {
        assertThatThrownBy(() -> new BenchRequest("198.18.101.2", "ns; rm -rf /", null, null, 1, 1, 5201, false))
                .isInstanceOf(InputException.class).hasMessageContaining("not a network namespace");
        CliDriver.Result r = CliDriver.run("bench", "--server", "198.18.101.2", "-P", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("--parallel 0").contains("1..128");
    }
}
