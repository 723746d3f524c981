package dev.sriovctl.sim;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyProgress;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.HostApply;
import dev.sriovctl.apply.Outcome;
import dev.sriovctl.cli.CliDriver;
import dev.sriovctl.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sriovctl apply} with examples/guide-host-vflag.yaml on the simulated host: the move from the guide's
 * OVS bond is refused while VMs hold VFs (nothing changes) and done with {@code --allow-disruption}; after a
 * reboot the post boot phase waits for the hardware LAG before it binds any VF.
 */
class VfLagApplyTest {

    @TempDir
    Path tmp;

    static final Path VFLAG = VfLagExampleTest.VFLAG;

    static ApplyResult apply(Path dir, Path spec, ApplyOptions options) {
        try (SimHost h = SimHost.open(dir)) {
            HostApply.Prepared p = HostApply.prepare(h, () -> SpecLoader.read(spec), spec.toString(), options, ApplyProgress.silent(), Clock.systemUTC());
            return HostApply.execute(p, ApplyProgress.silent(), null);
        }
    }

    @Test
    void theMoveFromTheOvsBondIsRefusedWhileVmsHoldVfsAndDoneWithAllowDisruption() {
        Path dir = SimApply.freshGuideHost(tmp.resolve("host"));
        assertThat(SimApply.apply(dir, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.CONVERGED);
        Map<String, String> before = SimApply.state(dir, false);

        ApplyResult refused = apply(dir, VFLAG, ApplyOptions.defaults().withNoGuard(true));
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.message()).contains("blocker").contains("0000:81:00.2").contains("--allow-disruption")
                .contains("hardware LAG of bond1 forms only while every VF is unbound");
        assertThat(SimApply.state(dir, false)).as("nothing changed").isEqualTo(before);

        ApplyResult done = apply(dir, VFLAG, ApplyOptions.defaults().withNoGuard(true).withAllowDisruption(true));
        assertThat(done.outcome()).as(done.message()).isEqualTo(Outcome.CONVERGED);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
            assertThat(VfLagExampleTest.VFS).allMatch(v -> "vfio-pci".equals(VfLagExampleTest.driver(h, v)));
        }
        assertThat(apply(dir, VFLAG, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    /**
     * The VM is named from Proxmox VE's own files on the host, as on a node: its configuration in pmxcfs and
     * qemu-server's reservation of the VF (a {@code time:} line, which holds until it expires, as while a VM starts).
     */
    @Test
    void planAndApplyNameTheVmThatHoldsAVfFromProxmoxFilesOnTheHost() throws IOException {
        Path dir = SimApply.freshGuideHost(tmp.resolve("host"));
        assertThat(SimApply.apply(dir, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.CONVERGED);
        String node = vm104HoldsVf3(dir);
        Map<String, String> before = SimApply.state(dir, false);

        CliDriver.Result plan = CliDriver.run("plan", "--sim", dir.toString(), "-f", VFLAG.toString());
        assertThat(plan.out() + plan.err()).contains("0000:81:00.3 (VM 104 (db1), starting)").contains("stop VM 104 (db1)")
                .contains("0000:81:00.2 (bound to vfio-pci: likely a VM)").contains("nodes/" + node + "/qemu-server");

        CliDriver.Result apply = CliDriver.run("apply", "--sim", dir.toString(), "--no-guard", "-y", "-f", VFLAG.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isNotZero();
        assertThat(apply.out() + apply.err()).contains("VM 104 (db1)").contains("--allow-disruption");
        assertThat(SimApply.state(dir, false)).as("nothing changed").isEqualTo(before);
    }

    @Test
    void afterARebootThePostPhaseWaitsForTheLagBeforeBindingVfs() throws IOException {
        Path converged = SimApply.freshGuideHost(tmp.resolve("before"));
        ApplyResult first = apply(converged, VFLAG, ApplyOptions.defaults().withNoGuard(true));
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.CONVERGED);
        Path dir = ApplyBootPhaseTest.rebooted(converged, tmp.resolve("after-reboot"));

        CliDriver.Result pre = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "pre", "-f", VFLAG.toString());
        assertThat(pre.exitCode()).as(pre.out() + pre.err()).isZero();
        assertThat(pre.out()).contains("SetEswitchMode").doesNotContain("BindVf").doesNotContain("WaitForLagActive");
        try (SimHost h = SimHost.open(dir)) {
            assertThat(VfLagExampleTest.boundVfs(h)).as("the pre phase leaves VFs unbound").isEmpty();
            // networking.service: ifupdown2 makes the Linux bond of both PFs; with no VF bound mlx5 forms the LAG
            assertThat(Sims.run(h, "ifup", "-a").exitCode()).isLessThanOrEqualTo(1);
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
        }

        CliDriver.Result post = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "post", "-f", VFLAG.toString());
        assertThat(post.exitCode()).as(post.out() + post.err()).isZero();
        assertThat(post.out()).contains("(boot phase post)");
        int wait = post.out().indexOf("WaitForLagActive");
        int bind = post.out().indexOf("BindVf");
        assertThat(wait).as(post.out()).isPositive();
        assertThat(bind).as("the first bind comes after the wait").isGreaterThan(wait);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(VfLagExampleTest.VFS).allMatch(v -> "vfio-pci".equals(VfLagExampleTest.driver(h, v)));
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
            assertThat(Sims.log(h)).doesNotContain("Failed to activate VF LAG");
        }
        assertThat(apply(dir, VFLAG, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void thePostPhaseFailsWithTheReasonWhenTheLagNeverForms() throws IOException {
        Path converged = SimApply.freshGuideHost(tmp.resolve("before"));
        assertThat(apply(converged, VFLAG, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.CONVERGED);
        Path dir = ApplyBootPhaseTest.rebooted(converged, tmp.resolve("after-reboot"));
        assertThat(CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "pre", "-f", VFLAG.toString()).exitCode()).isZero();
        try (SimHost h = SimHost.open(dir)) {
            // the Proxmox failure: something binds a VF before networking brings the bond up
            Sims.echo(h, "/sys/bus/pci/drivers_probe", "0000:81:00.2");
            Sims.run(h, "ifup", "-a");
            assertThat(Sims.log(h)).contains("Failed to activate VF LAG");
        }
        CliDriver.Result post = CliDriver.run("apply", "--sim", dir.toString(), "--boot-phase", "post", "-f", VFLAG.toString());
        assertThat(post.exitCode()).as(post.out() + post.err()).isNotZero();
        assertThat(post.out() + post.err()).contains("WaitForLagActive").contains("lag/state reads active").contains("(read disabled)");
        try (SimHost h = SimHost.open(dir)) {
            assertThat(VfLagExampleTest.driver(h, "0000:81:00.3")).as("no VF is bound while the LAG is down").isNull();
        }
    }

    /** Proxmox VE's files on the simulated node: VM 104 (db1) is configured with VF 0000:81:00.3 and holds it. */
    static String vm104HoldsVf3(Path dir) throws IOException {
        String node;
        try (SimHost h = SimHost.open(dir)) {
            node = h.hostname().orElseThrow();
        }
        Path fs = dir.resolve("fs");
        Path conf = fs.resolve("etc/pve/nodes/" + node + "/qemu-server/104.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "name: db1\nmemory: 8192\nhostpci0: 0000:81:00.3,pcie=1\n");
        Path reservations = fs.resolve("run/qemu-server/pci-id-reservations");
        Files.createDirectories(reservations.getParent());
        Files.writeString(reservations, "0000:81:00.3 104 time:" + (System.currentTimeMillis() / 1000 + 3600) + "\n");
        return node;
    }

    @Test
    void aVfCountChangeIsRefusedNamingTheVmFromProxmox() throws IOException {
        Path dir = SimApply.freshGuideHost(tmp.resolve("host"));
        assertThat(SimApply.apply(dir, ApplyOptions.defaults().withNoGuard(true)).outcome()).isEqualTo(Outcome.CONVERGED);
        vm104HoldsVf3(dir);
        Path twoVfs = tmp.resolve("two-vfs.yaml");
        String guide = Files.readString(SimApply.GUIDE_SPEC);
        assertThat(guide).contains("vfs: 4");
        Files.writeString(twoVfs, guide.replaceFirst("vfs: 4", "vfs: 2"));
        Map<String, String> before = SimApply.state(dir, false);

        CliDriver.Result apply = CliDriver.run("apply", "--sim", dir.toString(), "--no-guard", "-y", "-f", twoVfs.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isNotZero();
        assertThat(apply.out() + apply.err()).contains("held by VM 104 (db1)").contains("stop VM 104 (db1) (qm shutdown <vmid>), or re-run with --allow-disruption");
        assertThat(SimApply.state(dir, false)).as("nothing changed").isEqualTo(before);
    }

    /**
     * On a converged VF-LAG host whose VFs VMs use, a change ifupdown2 applies without touching the bond (a
     * representor's VLAN tag) keeps the LAG and every VF bound; a change to the bond's own stanza needs them unbound.
     */
    @Test
    void aPortChangeLeavesTheLagAndTheVfsAloneWhileABondChangeNeedsThemUnbound() throws IOException {
        Path dir = SimApply.freshGuideHost(tmp.resolve("host"));
        ApplyResult lag = apply(dir, VFLAG, ApplyOptions.defaults().withNoGuard(true).withAllowDisruption(true));
        assertThat(lag.outcome()).as(lag.message()).isEqualTo(Outcome.CONVERGED);
        String spec = Files.readString(VFLAG);

        Path tagged = tmp.resolve("tagged.yaml");
        assertThat(spec).contains("vf-driver: vfio-pci        # bound");
        Files.writeString(tagged, spec.replaceFirst("vf-driver: vfio-pci        # bound",
                "vf-settings: [{vf: 3, vlan: 100}]\n        vf-driver: vfio-pci        # bound"));
        CliDriver.Result plan = CliDriver.run("plan", "--sim", dir.toString(), "-f", tagged.toString());
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("IfReload").doesNotContain("UnbindVf").doesNotContain("WaitForLagActive")
                .doesNotContain("allow-disruption");
        ApplyResult retagged = apply(dir, tagged, ApplyOptions.defaults().withNoGuard(true));
        assertThat(retagged.outcome()).as(retagged.message()).isEqualTo(Outcome.CONVERGED);
        try (SimHost h = SimHost.open(dir)) {
            assertThat(Sims.run(h, "ovs-vsctl", "get", "Port", "ovs-sw1pf0vf3", "tag").stdout().trim()).isEqualTo("100");
            assertThat(Sims.read(h, "/sys/kernel/debug/mlx5/0000:81:00.0/lag/state")).isEqualTo("active");
            assertThat(VfLagExampleTest.VFS).allMatch(v -> "vfio-pci".equals(VfLagExampleTest.driver(h, v)));
        }

        Path slow = tmp.resolve("slow.yaml");
        Files.writeString(slow, Files.readString(tagged).replace("lacp-time: fast", "lacp-time: slow"));
        Map<String, String> before = SimApply.state(dir, false);
        ApplyResult refused = apply(dir, slow, ApplyOptions.defaults().withNoGuard(true));
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.message()).contains("hardware LAG of bond1 forms only while every VF is unbound").contains("--allow-disruption");
        assertThat(SimApply.state(dir, false)).as("nothing changed").isEqualTo(before);
    }
}
