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

    // ---- doctor -f spec.yaml --------------------------------------------------------------------

    static String guideSpec() {
        return Fixtures.repo().resolve("examples/guide-host.yaml").toString();
    }

    /** The guide's host as examples/guide-host.yaml builds it, with {@code vfs} VFs on port 0 and representors named by {@code rep}. */
    private Path specHost(Path at, int vfs, java.util.function.IntFunction<String> rep) {
        String[] reps = new String[vfs];
        for (int i = 0; i < vfs; i++) reps[i] = rep.apply(i);
        new SnapshotBuilder(at)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(Hosts.SWITCH_ID).switchdev().mtu(9000).vfs(vfs, rep, "vfio-pci"))
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.switchId(Hosts.SWITCH_ID).switchdev().mtu(9000))
                .ovs(new OvsTables().otherConfig(Map.of("hw-offload", "true", "tc-policy", "skip_sw"))
                        .bridge("vmbr1", reps)
                        .bond("bond1", "balance-tcp", "active", Map.of("lacp-fallback-ab", "true"), "enp129s0f0np0", "enp129s0f1np1"))
                .build().close();
        return at;
    }

    private static JsonNode check(JsonNode root, String id, String subjectStart) {
        for (JsonNode c : root.get("checks")) {
            if (c.get("id").asText().equals(id) && c.get("subject").asText().startsWith(subjectStart)) return c;
        }
        throw new AssertionError("no " + id + " result for " + subjectStart + " in " + root);
    }

    @Test
    void theGuideSpecPassesOnAHostBuiltToIt() throws Exception {
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", specHost(dir, 4, i -> "ovs-sw1pf0vf" + i).toString(), "-f", guideSpec(), "-o", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(check(root, "vf-count", "enp129s0f0np0").get("status").asText()).isEqualTo("pass");
        assertThat(check(root, "vf-count", "enp129s0f0np0").get("evidence").asText()).contains("as " + guideSpec() + " wants");
        assertThat(check(root, "representors-named", "").get("status").asText()).isEqualTo("pass");
        assertThat(check(root, "eswitch-switchdev", "enp129s0f1np1").get("status").asText()).isEqualTo("pass");
        assertThat(check(root, "vfs-in-use", "enp129s0f0np0").get("evidence").asText()).contains("no change pending against " + guideSpec());
    }

    @Test
    void theSpecChangesTheVerdictWhenItWantsFourVfsAndTheHostHasTwo() throws Exception {
        Path host = specHost(dir, 2, i -> "ovs-sw1pf0vf" + i);
        JsonNode asFound = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", host.toString(), "-o", "json").out());
        assertThat(check(asFound, "vf-count", "enp129s0f0np0").get("status").asText()).isEqualTo("pass");

        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", host.toString(), "-f", guideSpec(), "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        JsonNode withSpec = new ObjectMapper().readTree(r.out());
        JsonNode vfCount = check(withSpec, "vf-count", "enp129s0f0np0");
        assertThat(vfCount.get("status").asText()).isEqualTo("fail");
        assertThat(vfCount.get("evidence").asText()).contains("sriov_numvfs = 2").contains(guideSpec() + " wants 4");
        JsonNode inUse = check(withSpec, "vfs-in-use", "enp129s0f0np0");
        assertThat(inUse.get("status").asText()).isEqualTo("fail");
        assertThat(inUse.get("evidence").asText()).contains("VF count 2 -> 4 pending");
    }

    @Test
    void theSpecsRepresentorNamesFailAHostNamedTheGuidesWay() throws Exception {
        Path host = specHost(dir, 4, i -> "enp129s0f0npf0vf" + i);
        JsonNode asFound = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", host.toString(), "-o", "json").out());
        assertThat(asFound.get("checks")).filteredOn(c -> c.get("id").asText().equals("representors-named"))
                .allSatisfy(c -> assertThat(c.get("status").asText()).isNotEqualTo("fail"));
        JsonNode withSpec = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", host.toString(), "-f", guideSpec(), "-o", "json").out());
        assertThat(withSpec.get("checks")).filteredOn(c -> c.get("id").asText().equals("representors-named"))
                .anySatisfy(c -> {
                    assertThat(c.get("status").asText()).isEqualTo("fail");
                    assertThat(c.get("evidence").asText()).contains("ovs-sw1pf0vf0");
                });
    }

    @Test
    void anInvalidSpecExitsTwoWithEveryProblemLikePlan() throws Exception {
        Path host = specHost(dir.resolve("host"), 4, i -> "ovs-sw1pf0vf" + i);
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "version: 1\nnics:\n  - name: sw1\n    ports:\n      - {pf: enp65s0f0np0, vfs: 4}\n      - {pf: enp129s0f0np0, vfs: 99}\n");
        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", host.toString(), "-f", bad.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("error: " + bad + ":5:14: unknown PF 'enp65s0f0np0'").contains("error: " + bad + ":6:34: 99 VFs requested");
        assertThat(r.out()).isEmpty();
        CliDriver.Result missing = CliDriver.run("doctor", "--snapshot", host.toString(), "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).contains("spec file not found");
    }

    // ---- Proxmox facts ----------------------------------------------------------------------------

    @Test
    void theProxmoxChecksSaySoOnAHostThatIsNotAProxmoxNode() throws Exception {
        JsonNode root = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", healthyHost().toString(), "-o", "json").out());
        assertThat(check(root, "pve-mapping-matches", "").get("status").asText()).isEqualTo("skip");
        assertThat(check(root, "vf-single-assignment", "").get("evidence").asText()).startsWith("not a Proxmox VE node: /etc/pve is not on snapshot");
    }

    @Test
    void aProxmoxNodesFilesAreJudgedWithTheSpecsMappingAndNode() throws Exception {
        Path host = dir.resolve("host");
        specHost(host, 4, i -> "ovs-sw1pf0vf" + i);
        // pmxcfs of node 'pve-a' (this snapshot's hostname is pve1): the mapping lists VFs 0-2 of the 4 the spec puts in it
        StringBuilder cfg = new StringBuilder("network\n");
        for (int i = 0; i < 3; i++) {
            cfg.append("\tmap node=pve-a,path=0000:81:00.").append(2 + i).append(",id=15b3:101e,subsystem-id=15b3:0020,iommugroup=").append(40 + i).append('\n');
        }
        java.nio.file.Files.createDirectories(host.resolve("fs/etc/pve/mapping"));
        java.nio.file.Files.writeString(host.resolve("fs/etc/pve/mapping/pci.cfg"), cfg + "\n");
        java.nio.file.Files.createDirectories(host.resolve("fs/etc/pve/nodes/pve-a/qemu-server"));
        java.nio.file.Files.writeString(host.resolve("fs/etc/pve/nodes/pve-a/qemu-server/100.conf"), "name: web\nhostpci0: mapping=network\n");

        JsonNode noNode = new ObjectMapper().readTree(CliDriver.run("doctor", "--snapshot", host.toString(), "-o", "json").out());
        assertThat(check(noNode, "vf-single-assignment", "").get("evidence").asText()).contains("'pve1' is not a node of this cluster (nodes: pve-a)");

        CliDriver.Result r = CliDriver.run("doctor", "--snapshot", host.toString(), "--node", "pve-a", "-f", guideSpec(), "-o", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(check(root, "pve-mapping-matches", "mapping network: node=pve-a,path=0000:81:00.2").get("status").asText()).isEqualTo("pass");
        assertThat(root.get("checks")).filteredOn(c -> c.get("subject").asText().equals("mapping network")).singleElement().satisfies(c -> {
            assertThat(c.get("status").asText()).isEqualTo("fail");
            assertThat(c.get("evidence").asText()).contains("has no entry of pve-a for 0000:81:00.5, which " + guideSpec() + " puts in it");
        });
        assertThat(check(root, "vf-single-assignment", "node pve-a").get("status").asText()).isEqualTo("pass");
    }
}
