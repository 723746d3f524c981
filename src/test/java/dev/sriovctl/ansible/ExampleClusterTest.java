package dev.sriovctl.ansible;

import dev.sriovctl.cli.CliDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.sriovctl.ansible.AnsibleWorkspace.argv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example cluster of docs/ansible.md (ansible/examples/cluster) as a user rehearses it: the
 * inventory as shipped plus rehearsal.yml, which runs the same three nodes locally against simulated
 * twins, in check mode with diffs. Each node's spec is rendered from sriovctl.yaml.j2 with its own
 * address, is valid for the guide's hardware, and shows changes; nothing is changed.
 */
@Tag("ansible")
class ExampleClusterTest {

    @Test
    void theExampleInventoryRehearsesOnTwinsInCheckMode(@TempDir Path dir) {
        Path playbook = AnsibleTools.require("ansible-playbook", "ansible-core", getClass().getSimpleName());
        AnsibleWorkspace ws = new AnsibleWorkspace(dir);
        Path example = ws.collection.resolve("examples/cluster");
        Path twins = dir.resolve("twins");
        Map<String, Path> sims = new TreeMap<>();
        for (String n : List.of("pve1", "pve2", "pve3")) {
            CliDriver.Result r = CliDriver.run("sim", "create", "--profile", "cx6lx-2p", "-o", twins.resolve(n).toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            sims.put(n, twins.resolve(n));
        }
        Path sriovctl = SriovctlLauncher.create(dir, sims.get("pve1"), RolloutPlaybookTest.guideSpec());
        Map<String, Map<String, String>> before = RolloutPlaybookTest.states(sims);

        AnsibleWorkspace.Result r = ws.run(argv(playbook, "-i", example.resolve("inventory/hosts.yml"), "-i", example.resolve("rehearsal.yml"),
                "-e", "sriovctl_twins=" + twins, "-e", "sriovctl_executable=" + sriovctl, "sriovctl.sriovctl.rollout", "--check", "--diff"));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.recap()).containsOnlyKeys("pve1", "pve2", "pve3");
        r.recap().forEach((host, recap) -> assertThat(recap.changed()).as(host + "\n" + r.output()).isPositive());
        assertThat(r.output()).contains("+\taddress 192.168.1.11/24", "+\taddress 192.168.1.12/24", "+\taddress 192.168.1.13/24");
        assertThat(RolloutPlaybookTest.states(sims)).isEqualTo(before);
        assertThat(Files.exists(example.resolve("twins"))).as("nothing written into the example").isFalse();
    }
}
