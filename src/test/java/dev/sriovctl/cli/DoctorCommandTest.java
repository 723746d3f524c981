package dev.sriovctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sriovctl.Fixtures;
import dev.sriovctl.GuideText;
import dev.sriovctl.verify.Hosts;
import dev.sriovctl.verify.OvsTables;
import dev.sriovctl.verify.SnapshotBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {

    @TempDir
    Path dir;

    /** The guide's host as its guide leaves it: its udev rules, interfaces files, OVS settings and OVS bond. */
    private Path guideHost() {
        new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().mtu(9000).vfs(4, i -> "enp129s0f0npf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.switchId(Hosts.SWITCH_ID).switchdev().mtu(9000))
                .file("/etc/udev/rules.d/70-persistent-net-vf.rules", GuideText.udevRules())
                .file("/etc/network/interfaces", Fixtures.body("interfaces/proxmox-ovs-bond-cx6lx-bridge-with-address.txt"))
                .file("/etc/network/interfaces.d/ovs-sw1.conf", Fixtures.body("interfaces/proxmox-interfaces.d-ovs-sw1-renamed-representors.txt"))
                .ovs(Hosts.guideBridge(GuideText.ovsOtherConfig()))
                .build().close();
        return dir;
    }

    /** A consistent host: everything in place, an OVS active-backup bond (which still warns about VF protection). */
    private Path healthyHost() {
        new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().vfs(2, i -> "enp129s0f0npf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.switchId(Hosts.SWITCH_ID).switchdev())
                .emptyIommu()
                .ovs(new OvsTables().otherConfig(Map.of("hw-offload", "true", "tc-policy", "skip_sw"))
                        .bridge("vmbr1", "enp129s0f0npf0vf0", "enp129s0f0npf0vf1")
                        .bond("bond1", "active-backup", "off", Map.of(), "enp129s0f0np0", "enp129s0f1np1"))
                .build().close();
        return dir;
    }

    @Test
    void jsonIsTheContractOfDesignSectionFiveAndAFailureExitsOne() throws Exception {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", guideHost().toString(), "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("checks");
        assertThat(root.get("checks")).isNotEmpty().allSatisfy(c -> {
            List<String> keys = new ArrayList<>();
            c.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("id", "subject", "status", "evidence", "fix");
            assertThat(c.get("status").asText()).isIn("pass", "fail", "warn", "skip");
            assertThat(c.get("evidence").asText()).isNotBlank();
        });
        assertThat(root.get("checks")).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo("switch-id-consistent");
            assertThat(c.get("status").asText()).isEqualTo("fail");
        }).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo("lacp-fallback-placement");
            assertThat(c.get("status").asText()).isEqualTo("fail");
        }).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo("vf-bond-protection");
            assertThat(c.get("status").asText()).isEqualTo("warn");
        });
    }

    @Test
    void everyCatalogueCheckAnswersOnTheGuidesHost() throws Exception {
        JsonNode root = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", guideHost().toString(), "-o", "json").out());
        Set<String> ids = new java.util.HashSet<>();
        root.get("checks").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(dev.sriovctl.verify.CheckCatalog.all().stream().map(dev.sriovctl.verify.Check::id).toList());
        assertThat(root.get("checks")).noneSatisfy(c -> assertThat(c.get("evidence").asText()).contains("could not run"));
    }

    @Test
    void warningsDoNotFail() {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", healthyHost().toString());
        assertThat(r.out()).contains("WARN  vf-bond-protection").doesNotContain("FAIL ");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void tableIsGroupedWithEvidenceAndFixAndPlainWithoutATerminal() {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", guideHost().toString());
        assertThat(r.out()).contains("IOMMU and PCI\n", "E-switch and representors\n", "Open vSwitch\n", "Bond and LACP\n", "Hardware offload\n", "Proxmox\n")
                .contains("  FAIL  switch-id-consistent  udev rule /etc/udev/rules.d/70-persistent-net-vf.rules:5\n")
                .contains("        fix: ")
                .doesNotContain("\u001b[");
        assertThat(r.out()).containsPattern("\\d+ passed, \\d+ failed, \\d+ warnings, \\d+ skipped\n$");
    }

    @Test
    void yamlCarriesTheSameResults() throws Exception {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", guideHost().toString(), "-o", "yaml");
        JsonNode root = new YAMLMapper().readTree(r.out());
        assertThat(root.get("checks").get(0).get("id").asText()).isEqualTo("iommu-enabled");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void aSnapshotThatIsNotOneIsBadInput(@TempDir Path empty) {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", empty.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("snapshot.json").contains("missing");
    }
}
