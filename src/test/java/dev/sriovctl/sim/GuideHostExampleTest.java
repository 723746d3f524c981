package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.cli.CliDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/guide-host is what {@link GuideHostExample} generates, byte for byte, and shows the guide's host. */
class GuideHostExampleTest {

    @TempDir
    Path tmp;

    private static Path committed() {
        return Fixtures.repo().resolve("examples/guide-host");
    }

    @Test
    void theCommittedExampleIsExactlyWhatTheGeneratorProduces() throws IOException {
        Path fresh = tmp.resolve("guide-host");
        GuideHostExample.generate(fresh);
        Map<String, String> expected = tree(fresh);
        Map<String, String> actual = tree(committed());
        assertThat(actual.keySet()).as("entries (regenerate: GuideHostExample examples/guide-host)").isEqualTo(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void discoverShowsTheGuidesHost() throws IOException {
        CliDriver.Result r = CliDriver.run("discover", "--snapshot", committed().toString(), "-o", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode nic = new ObjectMapper().readTree(r.out()).get("nics").get(0);
        assertThat(nic.get("model").asText()).isEqualTo("ConnectX-6 Lx");
        assertThat(nic.get("deviceId").asText()).isEqualTo("101f");
        for (int i = 0; i < 2; i++) {
            JsonNode pf = nic.get("pfs").get(i);
            assertThat(pf.get("netdev").asText()).isEqualTo("enp129s0f" + i + "np" + i);
            assertThat(pf.get("eswitchMode").asText()).isEqualTo("switchdev");
            assertThat(pf.get("mtu").asInt()).isEqualTo(9000);
            assertThat(pf.get("switchId").asText()).isEqualTo("3264160003bd70c4");
        }
        assertThat(nic.get("pfs").get(0).get("mac").asText()).isEqualTo("c4:70:bd:16:64:32");
        JsonNode vfs = nic.get("pfs").get(0).get("vfs");
        assertThat(vfs).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode vf = vfs.get(i);
            assertThat(vf.get("pci").asText()).isEqualTo("0000:81:00." + (2 + i));
            assertThat(vf.get("deviceId").asText()).isEqualTo("101e");
            assertThat(vf.get("driver").asText()).isEqualTo("vfio-pci");
            assertThat(vf.get("representor").asText()).isEqualTo("ovs-sw1pf0vf" + i);
            assertThat(vf.get("mac").asText()).isEqualTo("c4:70:ff:ff:ff:e" + i);
            assertThat(vf.get("iommuPeers")).isEmpty();
        }
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode ovs = root.get("ovs");
        assertThat(ovs.get("running").asBoolean()).isTrue();
        assertThat(ovs.get("otherConfig").get("hw-offload").asText()).isEqualTo("true");
        assertThat(ovs.get("otherConfig").get("tc-policy").asText()).isEqualTo("skip_sw");
        assertThat(ovs.get("otherConfig").get("lacp-fallback-ab").asText()).isEqualTo("true");
        JsonNode br = ovs.get("bridges").get(0);
        assertThat(br.get("name").asText()).isEqualTo("vmbr1");
        java.util.List<String> ports = new java.util.ArrayList<>();
        br.get("ports").forEach(p -> ports.add(p.get("name").asText()));
        assertThat(ports).containsExactlyInAnyOrder("bond1", "ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3", "vmbr1");
        br.get("ports").forEach(p -> p.get("interfaces").forEach(i -> assertThat(i.get("mtu").asInt()).as(i.get("name").asText()).isEqualTo(9000)));
        JsonNode bond = root.get("bonds").get(0);
        assertThat(bond.get("name").asText()).isEqualTo("bond1");
        assertThat(bond.get("kind").asText()).isEqualTo("ovs");
        assertThat(bond.get("mode").asText()).isEqualTo("balance-tcp");
        assertThat(bond.get("lacp").asText()).isEqualTo("negotiated");
        assertThat(bond.get("members")).extracting(m -> m.get("name").asText()).containsExactly("enp129s0f0np0", "enp129s0f1np1");
    }

    /** Every entry below {@code root}: "f:" + content, "l:" + target, or "d". */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) m.put(rel, "l:" + Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) m.put(rel, "d");
                else m.put(rel, "f:" + Files.readString(p));
            }
        }
        return m;
    }
}
