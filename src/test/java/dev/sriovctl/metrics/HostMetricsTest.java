package dev.sriovctl.metrics;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.Hosts;
import dev.sriovctl.verify.SnapshotBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HostMetricsTest {

    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T16:00:00.250Z"), ZoneOffset.UTC);

    private static List<MetricFamily> collect(SnapshotBuilder b) {
        try (SnapshotHost h = b.build()) {
            return HostMetrics.collect(DoctorContext.of(h), CLOCK);
        }
    }

    /** The value of one series, found by its labels (in any order), or empty when there is no such series. */
    static Optional<Double> value(List<MetricFamily> families, String name, String... labelPairs) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) want.put(labelPairs[i], labelPairs[i + 1]);
        return families.stream().filter(f -> f.name().equals(name)).flatMap(f -> f.samples().stream())
                .filter(s -> s.labels().equals(want)).map(Sample::value).findFirst();
    }

    private static String[] pf0() {
        return new String[]{"pf", "0000:81:00.0", "netdev", "enp129s0f0np0", "nic", "0000:81:00"};
    }

    private static String[] with(String[] base, String... more) {
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    @Test
    void onAProxmoxNodeVfsAssignedCountsWhatVmConfigurationsGiveNotTheVfioBinding() {
        // the four VFs 0000:81:00.2-.5 are all on vfio-pci; the VMs give two of them
        SnapshotBuilder b = Hosts.guide(dir).pveNode("pve1")
                .file("/etc/pve/mapping/pci.cfg", "network\n\tmap node=pve1,path=0000:81:00.3,id=15b3:101e,iommugroup=61\n"
                        + "\tmap node=pve1,path=0000:81:00.4,id=15b3:101e,iommugroup=62\n")
                .pveVm("pve1", 101, "name: raw\nhostpci0: 0000:81:00.2\n")
                .pveVm("pve1", 102, "name: mapped\nhostpci0: mapping=network\n")
                .pveVm("pve1", 103, "name: mapped-stopped\nhostpci0: mapping=network\n")
                .pveVm("pve1", 104, "name: tpl\ntemplate: 1\nhostpci0: 0000:81:00.5\n")
                // qemu-server's reservation (PCI.pm format): VM 102 holds .3; VM 103 holds nothing, so no VF is its
                .file("/run/qemu-server/pci-id-reservations", "0000:81:00.3 102 pid:4242\n");
        List<MetricFamily> m = collect(b);
        assertThat(value(m, "sriovctl_pf_vfs_assigned", pf0())).contains(2.0);
        assertThat(m).filteredOn(f -> f.name().equals("sriovctl_pf_vfs_assigned")).singleElement()
                .extracting(MetricFamily::help).isEqualTo(PfMetrics.ASSIGNED_HELP);
    }

    @Test
    void withoutProxmoxDataVfsAssignedIsTheVfioStandInAndItsHelpSaysSo() {
        List<MetricFamily> m = collect(Hosts.guide(dir));
        assertThat(m).filteredOn(f -> f.name().equals("sriovctl_pf_vfs_assigned")).singleElement()
                .extracting(MetricFamily::help).asString().contains("stand-in").contains("vfio-pci");
    }

    @Test
    void vfCountsAndEswitchModePerPf() {
        List<MetricFamily> m = collect(Hosts.guide(dir));
        assertThat(value(m, "sriovctl_pf_vfs_configured", pf0())).contains(4.0);
        assertThat(value(m, "sriovctl_pf_vfs_max", pf0())).contains(8.0);
        assertThat(value(m, "sriovctl_pf_vfs_assigned", pf0())).contains(4.0); // the four VFs are on vfio-pci
        assertThat(value(m, "sriovctl_pf_vfs_configured", "pf", "0000:81:00.1", "netdev", "enp129s0f1np1", "nic", "0000:81:00")).contains(0.0);
        assertThat(value(m, "sriovctl_pf_eswitch_mode", with(pf0(), "mode", "switchdev"))).contains(1.0);
        assertThat(value(m, "sriovctl_pf_eswitch_mode", with(pf0(), "mode", "legacy"))).contains(0.0);
        assertThat(value(m, "sriovctl_pf_eswitch_mode", with(pf0(), "mode", "unknown"))).contains(0.0);
    }

    @Test
    void vfsOnAHostDriverAreNotCountedAsAssigned() {
        List<MetricFamily> m = collect(new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.eswitch("legacy").vfs(3, i -> null, "mlx5_core")));
        assertThat(value(m, "sriovctl_pf_vfs_configured", pf0())).contains(3.0);
        assertThat(value(m, "sriovctl_pf_vfs_assigned", pf0())).contains(0.0);
        assertThat(value(m, "sriovctl_pf_eswitch_mode", with(pf0(), "mode", "legacy"))).contains(1.0);
    }

    @Test
    void ovsBondMembersAndLacpFromTheLabCaptures() {
        List<MetricFamily> m = collect(Hosts.lab(dir)); // bond/show + lacp/show of a negotiated LACP bond (ovs3.1-lab)
        assertThat(value(m, "sriovctl_bond_lacp_status", "bond", "bond0", "state", "negotiated")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_lacp_status", "bond", "bond0", "state", "configured")).contains(0.0);
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "bond0", "member", "ens1f0")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "bond0", "member", "ens1f1")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_lacp_state", "bond", "bond0", "member", "ens1f1", "state", "current")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_lacp_state", "bond", "bond0", "member", "ens1f1", "state", "defaulted")).contains(0.0);
    }

    @Test
    void aMemberWhoseLinkIsDownIsDisabledAndDefaulted() {
        List<MetricFamily> m = collect(Hosts.lab(dir)
                .commandFixture(CommandCatalog.ovsBondShow(), "ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt")
                .commandFixture(CommandCatalog.ovsLacpShow(), "ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt"));
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "bond0", "member", "ens1f0")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "bond0", "member", "ens1f1")).contains(0.0);
        assertThat(value(m, "sriovctl_bond_member_lacp_state", "bond", "bond0", "member", "ens1f1", "state", "defaulted")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_lacp_state", "bond", "bond0", "member", "ens1f1", "state", "current")).contains(0.0);
        assertThat(value(m, "sriovctl_check_status", "check", "bond-members-up", "subject", "bond bond0")).contains(2.0);
        // that capture shows bond0 only: tor-bond's member states are unknown, so they have no series at all
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "tor-bond", "member", "tor-p0")).isEmpty();
    }

    @Test
    void datapathFlowsAllAndOffloaded() {
        // ovs3.1-lab: 46 flows on the userspace datapath, none in hardware
        List<MetricFamily> lab = collect(Hosts.lab(dir));
        assertThat(value(lab, "sriovctl_datapath_flows")).contains(46.0);
        assertThat(value(lab, "sriovctl_datapath_flows_offloaded")).contains(0.0);
    }

    @Test
    void offloadedFlowsAreThoseOvsTagsOffloadedYes(@TempDir Path other) {
        // kubeovn-doc: two flows, both "offloaded:yes, dp:tc"
        List<MetricFamily> m = collect(Hosts.guide(other).ovs(Hosts.guideBridge(Map.of("hw-offload", "true")))
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-offloaded-yes-dp-tc-kubeovn-doc.txt"));
        assertThat(value(m, "sriovctl_datapath_flows")).contains(2.0);
        assertThat(value(m, "sriovctl_datapath_flows_offloaded")).contains(2.0);
        // cx4lx: nine flows in TC, none in hardware (not_in_hw)
        List<MetricFamily> tc = collect(Hosts.guide(dir).ovs(Hosts.guideBridge(Map.of("hw-offload", "true")))
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-tc-mlx5-reps-cx4lx.txt"));
        assertThat(value(tc, "sriovctl_datapath_flows")).contains(9.0);
        assertThat(value(tc, "sriovctl_datapath_flows_offloaded")).contains(0.0);
    }

    @Test
    void flowsThatCouldNotBeReadHaveNoSeries() {
        List<MetricFamily> m = collect(Hosts.guide(dir));
        assertThat(value(m, "sriovctl_datapath_flows")).isEmpty();
        assertThat(ExpositionRenderer.render(m)).doesNotContain("sriovctl_datapath_flows");
    }

    @Test
    void hardwareLagActiveWithSharedFdb() {
        List<MetricFamily> m = collect(Hosts.guide(dir)
                .linuxBond("bond0", "802.3ad 4", "00:1c:73:aa:bb:cc", "enp129s0f0np0", "enp129s0f1np1")
                .lag("0000:81:00.0", "active", "switchdev", "shared_fdb:on\nfdb_selection_mode:native"));
        assertThat(value(m, "sriovctl_nic_lag_active", "nic", "0000:81:00")).contains(1.0);
        assertThat(value(m, "sriovctl_nic_lag_shared_fdb", "nic", "0000:81:00")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_member_enabled", "bond", "bond0", "member", "enp129s0f1np1")).contains(1.0);
        // the Linux bond's partner (bonding/ad_partner_mac) makes its LACP negotiated
        assertThat(value(m, "sriovctl_bond_lacp_status", "bond", "bond0", "state", "negotiated")).contains(1.0);
        assertThat(value(m, "sriovctl_bond_lacp_status", "bond", "bond0", "state", "configured")).contains(0.0);
    }

    @Test
    void aLinuxBondWithoutPartnerIsConfiguredAndOneWhoseStateIsUnreadHasNoSeries() {
        List<MetricFamily> lonely = collect(Hosts.guide(dir)
                .linuxBond("bond0", "802.3ad 4", "00:00:00:00:00:00", "enp129s0f0np0", "enp129s0f1np1"));
        assertThat(value(lonely, "sriovctl_bond_lacp_status", "bond", "bond0", "state", "configured")).contains(1.0);
        List<MetricFamily> unread = collect(Hosts.guide(dir.resolve("unread"))
                .linuxBond("bond0", "802.3ad 4", null, "enp129s0f0np0", "enp129s0f1np1"));
        assertThat(unread.stream().filter(f -> f.name().equals("sriovctl_bond_lacp_status")).flatMap(f -> f.samples().stream()))
                .as("unknown: no series rather than a guess").isEmpty();
    }

    @Test
    void hardwareLagDisabled() {
        List<MetricFamily> m = collect(Hosts.guide(dir).lag("0000:81:00.0", "disabled", null, "shared_fdb:off"));
        assertThat(value(m, "sriovctl_nic_lag_active", "nic", "0000:81:00")).contains(0.0);
        assertThat(value(m, "sriovctl_nic_lag_shared_fdb", "nic", "0000:81:00")).contains(0.0);
    }

    @Test
    void everyDoctorResultIsOneSeriesEncodedBySeverity() {
        List<MetricFamily> m = collect(Hosts.lab(dir));
        assertThat(value(m, "sriovctl_check_status", "check", "lacp-negotiated", "subject", "bond bond0")).contains(0.0);   // pass
        assertThat(value(m, "sriovctl_check_status", "check", "bond-offloadable", "subject", "bond bond0")).contains(1.0);  // warn: balance-tcp
        assertThat(value(m, "sriovctl_check_status", "check", "firmware-sriov", "subject", "ens1f0 (0000:81:00.0)")).contains(-1.0); // skip: no mstconfig
        assertThat(CheckMetrics.severity(dev.sriovctl.verify.CheckStatus.FAIL)).isEqualTo(2);
        MetricFamily checks = m.stream().filter(f -> f.name().equals("sriovctl_check_status")).findFirst().orElseThrow();
        assertThat(checks.samples()).allSatisfy(s -> assertThat(s.labels().keySet()).containsExactly("check", "subject"));
    }

    @Test
    void scrapeTimestampAndDurationComeFromTheClock() {
        List<MetricFamily> m = collect(Hosts.guide(dir));
        assertThat(value(m, "sriovctl_scrape_timestamp_seconds")).contains(CLOCK.instant().getEpochSecond() + 0.25);
        assertThat(value(m, "sriovctl_scrape_duration_seconds")).contains(0.0);
    }
}
