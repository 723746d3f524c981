package dev.sriovctl.sim;

import dev.sriovctl.plan.Observation;
import dev.sriovctl.plan.Plan;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Probe;
import dev.sriovctl.plan.Probes;
import dev.sriovctl.plan.Step;
import dev.sriovctl.plan.WaitForLagActive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait for the hardware LAG on the simulated host: debugfs is mounted when /proc/mounts shows it is not,
 * and where lag/state cannot be read (no debugfs, a kernel before 5.19) or stays disabled (a VF bound too
 * early) the step says why instead of a bare "absent".
 */
class LagWaitTest {

    @TempDir
    Path tmp;

    static final String PF0 = "0000:81:00.0";

    @Test
    void withDebugfsUnmountedThePlanMountsItBeforeWaitingAndConverges() {
        try (SimHost h = Sims.guideLike(tmp)) {
            assertThat(Sims.run(h, "umount", "/sys/kernel/debug").exitCode()).isZero();
            assertThat(h.exists("/sys/kernel/debug/mlx5")).isFalse();
            assertThat(Sims.read(h, "/proc/mounts")).doesNotContain("debugfs");

            Plan plan = VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults());
            assertThat(plan.steps().stream().map(Step::kind).toList()).containsSubsequence("IfReload", "MountDebugfs", "WaitForLagActive", "BindVf");
            VfLagExampleTest.converge(h, plan, s -> { });
            assertThat(Sims.read(h, "/proc/mounts")).contains("debugfs /sys/kernel/debug debugfs");
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/" + PF0 + "/lag/state")).isEqualTo("active");
            assertThat(VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults()).steps()).isEmpty();
        }
    }

    @Test
    void mountingDebugfsTwiceFailsAsMountDoes() {
        try (SimHost h = Sims.guideLike(tmp)) {
            var r = Sims.run(h, "mount", "-t", "debugfs", "debugfs", "/sys/kernel/debug");
            assertThat(r.exitCode()).isEqualTo(32);
            assertThat(r.stderr()).contains("already mounted");
        }
    }

    @Test
    void withoutDebugfsTheWaitIsRefusedWithTheReasonAndTheMountCommand() {
        try (SimHost h = Sims.guideLike(tmp)) {
            Sims.run(h, "umount", "/sys/kernel/debug");
            Observation o = new Probes.LagStateReadable(PF0).check(h);
            assertThat(o.ok()).isFalse();
            assertThat(o.observed()).isEqualTo("absent: debugfs is not mounted on /sys/kernel/debug (mount -t debugfs debugfs /sys/kernel/debug)");
            assertThat(new Probes.LagStateIs(PF0, "active").check(h).observed()).isEqualTo(o.observed());
        }
    }

    @Test
    void onAKernelBefore519TheWaitSaysThereIsNoLagDirectory() {
        try (SimHost h = Sims.create(tmp, SimOptions.defaults("cx6lx-2p").withKernel("5.15"))) {
            assertThat(h.exists("/sys/kernel/debug/mlx5/" + PF0)).isTrue();
            Observation o = new Probes.LagStateReadable(PF0).check(h);
            assertThat(o.ok()).isFalse();
            assertThat(o.observed()).contains("kernels before 5.19").contains("lag map");
        }
    }

    @Test
    void aVfBoundBeforeTheBondKeepsTheLagDisabledAndTheWaitReadsDisabled() {
        try (SimHost h = Sims.guideLike(tmp)) {
            Plan plan = VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults());
            WaitForLagActive wait = null;
            for (Step s : plan.steps()) {
                if (s instanceof WaitForLagActive w) {
                    wait = w;
                    break;
                }
                if (s.kind().equals("IfReload")) {
                    // what ifupdown2 on Proxmox does without sriovctl: mlx5_core already holds a VF when the bond comes up
                    Sims.echo(h, "/sys/bus/pci/drivers_probe", "0000:81:00.2");
                }
                for (var a : s.actions()) a.apply(h);
            }
            assertThat(wait).isNotNull();
            for (Probe p : wait.precondition()) assertThat(p.check(h).ok()).isTrue();
            Observation o = wait.verify().get(0).check(h);
            assertThat(o.ok()).isFalse();
            assertThat(o.observed()).isEqualTo("disabled");
            assertThat(wait.verify().get(0).display()).contains("a VF is bound").contains("dmesg");
            assertThat(Sims.log(h)).contains("Failed to activate VF LAG", "Make sure all VFs are unbound prior to VF LAG activation or deactivation");
            assertThat(List.of(wait.verifySeconds())).allMatch(sec -> sec > 0 && sec <= 60);
        }
    }
}
