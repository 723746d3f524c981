package dev.sriovctl.sim;

import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Step;
import dev.sriovctl.verify.CheckResult;
import dev.sriovctl.verify.CheckStatus;
import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor's vf-lag-active and vf-bond-protection on the simulated host: after examples/guide-host-vflag.yaml they
 * pass and quote the driver's success lines; when a VF was bound before the bond (Proxmox's order) vf-lag-active
 * fails and quotes the driver's message with its cause and fix; under the guide's OVS bond it names the rule.
 */
class VfLagDoctorTest {

    @TempDir
    Path tmp;

    static List<CheckResult> checks(SimHost h, String id) {
        return Doctor.run(DoctorContext.of(h)).checks().stream().filter(c -> c.id().equals(id)).toList();
    }

    @Test
    void afterTheExampleBothChecksPassWithTheDriversOwnLines() {
        try (SimHost h = Sims.guideLike(tmp)) {
            VfLagExampleTest.converge(h, VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults()), s -> { });
            CheckResult lag = checks(h, "vf-lag-active").get(0);
            assertThat(lag.status()).as(lag.evidence()).isEqualTo(CheckStatus.PASS);
            assertThat(lag.evidence()).contains("lag/state active, type switchdev, shared_fdb on")
                    .contains("lag map: port 1:1 port 2:2\"").contains("Operation mode is single FDB");
            assertThat(checks(h, "vf-bond-protection")).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        }
    }

    /**
     * The whole catalogue on a converged VF-LAG host: nothing fails or warns. The bond's sysfs master is the OVS
     * datapath device ovs-system, which names no bridge (the bridge is the one with the bond as a port), and the
     * switch behind the Linux 802.3ad bond answers LACP. When both ports lose their link, lacp-negotiated fails.
     */
    @Test
    void aConvergedVfLagHostPassesEveryCheckAndLosingBothLinksFailsLacp() {
        try (SimHost h = Sims.guideLike(tmp)) {
            VfLagExampleTest.converge(h, VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults()), s -> { });
            List<CheckResult> all = Doctor.run(DoctorContext.of(h)).checks();
            assertThat(all).filteredOn(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.WARN)
                    .as("failures and warnings").isEmpty();
            assertThat(checks(h, "representors-in-bridge")).singleElement().satisfies(c -> assertThat(c.evidence()).contains("ovs-sw1pf0vf0 in vmbr1"));
            assertThat(checks(h, "mtu-consistent")).singleElement().satisfies(c -> assertThat(c.subject()).isEqualTo("bridge vmbr1"));
            assertThat(checks(h, "lacp-negotiated").get(0).evidence()).contains("ad_partner_mac 0e:5c:00:00:00:01");
            dev.sriovctl.observe.Bond bond = dev.sriovctl.observe.InventoryBuilder.build(h).bonds().get(0);
            assertThat(bond.bridge()).as("not its sysfs master ovs-system").isEqualTo("vmbr1");
            assertThat(bond.lacp()).isEqualTo("negotiated");

            h.setPortLink("0000:81:00.0", false);
            h.setPortLink("0000:81:00.1", false);
            CheckResult lacp = checks(h, "lacp-negotiated").get(0);
            assertThat(lacp.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(lacp.evidence()).contains("ad_partner_mac 00:00:00:00:00:00").contains("no LACP partner");
            assertThat(dev.sriovctl.observe.InventoryBuilder.build(h).bonds().get(0).lacp()).isEqualTo("configured");
        }
    }

    @Test
    void aVfBoundBeforeTheBondFailsWithTheDriversMessageItsCauseAndFix() {
        try (SimHost h = Sims.guideLike(tmp)) {
            for (Step s : VfLagExampleTest.plan(h, VfLagExampleTest.VFLAG, PlanOptions.defaults()).steps()) {
                if (s.kind().equals("WaitForLagActive")) break;
                if (s.kind().equals("IfReload")) Sims.echo(h, "/sys/bus/pci/drivers_probe", "0000:81:00.2");
                for (var a : s.actions()) a.apply(h);
            }
            CheckResult lag = checks(h, "vf-lag-active").get(0);
            assertThat(lag.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(lag.evidence()).contains("lag/state disabled")
                    .contains("Failed to activate VF LAG\"")
                    .contains("VFs were bound to a driver when the bond came up")
                    .contains("fix: unbind the VFs, re-enslave the PFs");
            assertThat(checks(h, "vf-bond-protection").get(0).status()).isEqualTo(CheckStatus.WARN);
        }
    }

    @Test
    void underTheGuidesOvsBondTheSkipNamesTheLinuxBondRule() {
        try (SimHost h = Sims.guideLike(tmp)) {
            VfLagExampleTest.converge(h, VfLagExampleTest.plan(h, VfLagExampleTest.OVS_BOND, PlanOptions.defaults()), s -> { });
            CheckResult lag = checks(h, "vf-lag-active").get(0);
            assertThat(lag.status()).isEqualTo(CheckStatus.SKIP);
            assertThat(lag.evidence()).contains("OVS bond").contains("cannot activate VF-LAG");
            assertThat(checks(h, "vf-bond-protection").get(0).status()).isEqualTo(CheckStatus.WARN);
        }
    }
}
