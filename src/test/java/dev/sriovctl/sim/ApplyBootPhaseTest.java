package dev.sriovctl.sim;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.Outcome;
import dev.sriovctl.cli.CliDriver;
import dev.sriovctl.plan.BootPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two boot units on the guide's host after a reboot: {@code apply --boot-phase pre} (VFs,
 * switchdev, names; VFs left unbound), networking.service's {@code ifup -a}, then
 * {@code apply --boot-phase post} (VF binding, doctor), handing over through /run/sriovctl/boot-pre.json.
 */
class ApplyBootPhaseTest {

    @TempDir
    Path tmp;

    /**
     * The host a reboot of {@code converged} leaves: a fresh kernel (legacy, no VFs), the files of
     * /etc as they were (udev rules, interfaces, the spec copy, the units), and the Open vSwitch
     * database as it was, its daemons started again.
     */
    static Path rebooted(Path converged, Path dir) throws IOException {
        SimApply.freshGuideHost(dir);
        Path etc = dir.resolve("fs/etc");
        try (var s = Files.walk(etc)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) if (!p.equals(etc)) Files.delete(p);
        }
        SimApply.copy(converged.resolve("fs/etc"), etc);
        try (SimHost old = SimHost.open(converged); SimHost h = SimHost.open(dir)) {
            h.setExtension(NetworkTool.OVS, old.extension(NetworkTool.OVS));
            h.setExtension(NetworkTool.IFUPDOWN2, null);
            Sims.run(h, "systemctl", "restart", "openvswitch-switch");
        }
        return dir;
    }

    @Test
    void afterARebootThePrePhaseMakesVfsAndNamesThenThePostPhaseBindsThemAndTheHostIsConverged() throws IOException {
        Path converged = SimApply.freshGuideHost(tmp.resolve("before"));
        assertThat(SimApply.apply(converged, ApplyOptions.defaults()).outcome()).isEqualTo(Outcome.CONVERGED);
        Path dir = rebooted(converged, tmp.resolve("after-reboot"));

        CliDriver.Result pre = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "pre", "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(pre.exitCode()).as(pre.out() + pre.err()).isZero();
        assertThat(pre.out()).contains("(boot phase pre)").contains("SetNumVfs").contains("SetEswitchMode").doesNotContain("BindVf")
                .doesNotContain("IfReload").doesNotContain("WriteFile");
        try (SimHost h = SimHost.open(dir)) {
            assertThat(Sims.read(h, Sims.numvfs("0000:81:00.0"))).isEqualTo("4");
            assertThat(Sims.net(h, "0000:81:00.0")).contains("ovs-sw1pf0vf0", "ovs-sw1pf0vf3");
            for (int f = 2; f <= 5; f++) assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00." + f + "/driver")).as("VF %d unbound", f).isEmpty();
            assertThat(h.read("/run/sriovctl/boot-pre.json")).hasValueSatisfying(j -> assertThat(j).contains("\"phase\" : \"pre\"")
                    .contains("\"outcome\" : \"converged\""));
            // networking.service
            assertThat(Sims.run(h, "ifup", "-a").exitCode()).isLessThanOrEqualTo(1);
        }

        CliDriver.Result post = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "post", "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(post.exitCode()).as(post.out() + post.err()).isZero();
        assertThat(post.out()).contains("(boot phase post)").contains("BindVf").doesNotContain("SetNumVfs");
        try (SimHost h = SimHost.open(dir)) {
            for (int f = 2; f <= 5; f++) {
                assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00." + f + "/driver")).hasValueSatisfying(l -> assertThat(l).endsWith("/vfio-pci"));
            }
        }
        ApplyResult again = SimApply.apply(dir, ApplyOptions.defaults());
        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void thePostPhaseBindsNothingWhenThePrePhaseOfThisBootFailed() throws IOException {
        Path converged = SimApply.freshGuideHost(tmp.resolve("before"));
        SimApply.apply(converged, ApplyOptions.defaults());
        Path dir = rebooted(converged, tmp.resolve("after-reboot"));
        try (SimHost h = SimHost.open(dir)) {
            h.failCommand(List.of("devlink", "dev", "eswitch", "set"), 1, "Error: mlx5_core: Failed setting eswitch to offloads.");
        }
        ApplyResult pre = SimApply.apply(dir, ApplyOptions.defaults().withBootPhase(BootPhase.PRE));
        assertThat(pre.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        ApplyResult post = SimApply.apply(dir, ApplyOptions.defaults().withBootPhase(BootPhase.POST));
        assertThat(post.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(post.message()).startsWith("the pre phase of this boot ended rolled-back").contains("VFs are left unbound");
    }

    /**
     * A conflict in a file (here a vmbr1 stanza someone added to /etc/network/interfaces after apply) stops a whole
     * apply, but not the boot units: they never write that file, and refusing would leave the node without its VFs.
     */
    @Test
    void aFileConflictStopsApplyButNotTheBootPhases() throws IOException {
        Path converged = SimApply.freshGuideHost(tmp.resolve("before"));
        assertThat(SimApply.apply(converged, ApplyOptions.defaults()).outcome()).isEqualTo(Outcome.CONVERGED);
        Path dir = rebooted(converged, tmp.resolve("after-reboot"));
        Path interfaces = dir.resolve("fs/etc/network/interfaces");
        Files.writeString(interfaces, Files.readString(interfaces) + "\niface vmbr1 inet manual\n");

        CliDriver.Result pre = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "pre", "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(pre.exitCode()).as(pre.out() + pre.err()).isZero();
        assertThat(pre.out()).contains("note: /etc/network/interfaces:").contains("vmbr1 is defined here and in /etc/network/interfaces.d/sriovctl")
                .contains("'sriovctl apply' refuses until it is fixed").contains("SetNumVfs");
        CliDriver.Result post = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "post", "-f", SimApply.GUIDE_SPEC.toString());
        assertThat(post.exitCode()).as(post.out() + post.err()).isZero();
        assertThat(post.out()).contains("BindVf");

        ApplyResult whole = SimApply.apply(dir, ApplyOptions.defaults());
        assertThat(whole.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(whole.message()).contains("vmbr1 is defined here and in /etc/network/interfaces.d/sriovctl");
    }
}
