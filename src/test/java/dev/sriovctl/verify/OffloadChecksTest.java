package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffloadChecksTest {

    @TempDir
    Path dir;

    private static final Map<String, String> OFFLOAD = Map.of("hw-offload", "true", "tc-policy", "skip_sw");

    /**
     * The ConnectX-4 Lx lab host "tester03" of the real dump-flows captures: PFs enp1s0f0np0/enp1s0f1np1 in switchdev
     * with one VF each (representors enp1s0f0npf0vf0, enp1s0f1npf1vf0), all in OVS bridge ovs-sriov on the kernel datapath.
     */
    private SnapshotBuilder tester03(Map<String, String> otherConfig) {
        return new SnapshotBuilder(dir)
                .pf("0000:01:00.0", "enp1s0f0np0", p -> p.switchId("fa67c3ffffc94094").switchdev().vfs(1, i -> "enp1s0f0npf0vf" + i, "mlx5_core"))
                .pf("0000:01:00.1", "enp1s0f1np1", p -> p.switchId("fa67c3ffffc94094").switchdev().vfs(1, i -> "enp1s0f1npf1vf" + i, "mlx5_core"))
                .ovs(new OvsTables().otherConfig(otherConfig).bridge("ovs-sriov", "enp1s0f0np0", "enp1s0f0npf0vf0", "enp1s0f1npf1vf0"));
    }

    // ---- flows-offloaded ----------------------------------------------------------------------------------

    @Test
    void flowsOffloadedPassesWhenAllFlowsAreInHardware() {
        CheckResult r = Checks.one(tester03(OFFLOAD).commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-offloaded-yes-dp-tc-kubeovn-doc.txt"),
                "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).startsWith("2 of 2 datapath flows offloaded (100%, threshold 90%");
    }

    @Test
    void flowsOffloadedFailsAndNamesFlowsThatCrossTheTwoEswitches() {
        // the real session where type=offloaded printed nothing: every flow is dp:tc but not in hardware
        CheckResult r = Checks.one(tester03(OFFLOAD).commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-offloaded-empty-vs-non-offloaded.txt"),
                "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).startsWith("0 of 9 datapath flows offloaded (0%, threshold 90%")
                .contains("(1) in_port enp1s0f0npf0vf0 -> enp1s0f1npf1vf0, 163 packets, 13692 bytes, dp:tc: crosses the two e-switches (pf0 -> pf1)")
                .contains("(3) in_port enp1s0f0np0 -> ovs-sriov,enp1s0f0npf0vf0,enp1s0f1npf1vf0, 8 packets, 2512 bytes");
        assertThat(r.fix()).contains("VF-LAG");
    }

    @Test
    void flowsOffloadedNamesTheBalanceTcpHashAndTheInternalPort() {
        // the lab's real flows (balance-tcp hash+recirc) judged as if its bridge ran on the kernel datapath
        SnapshotBuilder h = new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "ens1f0", p -> p.switchdev().vfs(4, i -> "pf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "ens1f1", p -> p.switchdev())
                .ovs(new OvsTables().otherConfig(OFFLOAD).bridge("vmbr1", "pf0vf0", "pf0vf1", "pf0vf2", "pf0vf3")
                        .bond("bond0", "balance-tcp", "active", Map.of(), "ens1f0", "ens1f1").bridge("tor", "tor-host"))
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-userspace-dp-balance-tcp-hash-recirc-ovs3.1-lab.txt");
        CheckResult r = Checks.one(h, "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("hash/recirculation of an OVS balance-tcp bond").contains("delivered to the bridge's internal port");
        assertThat(r.fix()).contains("vf-lag bond instead of an OVS balance-tcp bond");
    }

    @Test
    void flowsOffloadedBlamesOffloadSwitchedOff() {
        CheckResult r = Checks.one(tester03(Map.of()).commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-tc-mlx5-reps-cx4lx.txt"),
                "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("hw-offload is off in Open vSwitch");
        assertThat(r.fix()).contains("other_config:hw-offload=true");
    }

    @Test
    void flowsOffloadedHonoursTheSpecsThreshold() {
        Expectations e = new Expectations("spec.yaml", List.of(), null, List.of(), List.of(), 0.0);
        CheckResult r = Checks.one(tester03(OFFLOAD).commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-type-tc-mlx5-reps-cx4lx.txt"),
                "flows-offloaded", c -> c.withExpectations(e));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("threshold 0%");
    }

    @Test
    void flowsOffloadedSkipsOnTheInvalidArgumentAnswer() {
        CheckResult r = Checks.one(tester03(OFFLOAD).commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/ovs-dpctl-dump-flows-type-invalid-argument-error-hotsos.txt"),
                "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("cannot read").contains("Invalid argument 'type'");
    }

    @Test
    void flowsOffloadedSkipsOnTheUserspaceDatapath() {
        CheckResult r = Checks.one(Hosts.lab(dir), "flows-offloaded");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("userspace datapath (datapath_type=netdev)");
    }

    // ---- hw-tc-offload ------------------------------------------------------------------------------------

    @Test
    void hwTcOffloadPassesAndDistrustsANonEthtoolState() {
        // the real grep session: enp1s0f0np0 "on", enp1s0f1np1 "only on" (not a state ethtool prints)
        SnapshotBuilder h = tester03(OFFLOAD)
                .commandFixture(CommandCatalog.ethtoolFeatures("enp1s0f0np0"), "ethtool/ethtool-k-grep-hw-tc-offload-pf-and-rep.txt")
                .commandFixture(CommandCatalog.ethtoolFeatures("enp1s0f1np1"), "ethtool/ethtool-k-grep-hw-tc-offload-pf-and-rep.txt");
        List<CheckResult> r = Checks.run(h, "hw-tc-offload");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.PASS, CheckStatus.SKIP);
        assertThat(r.get(1).evidence()).contains("'only on', not on/off");
    }

    @Test
    void hwTcOffloadFailsWhenOff() {
        // a real full "ethtool -k" listing (virtio, hw-tc-offload: off [fixed]) for a switchdev PF named like it
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "ens3", p -> p.switchdev())
                .commandFixture(CommandCatalog.ethtoolFeatures("ens3"), "ethtool/ethtool-i-and-k-virtio-full-hotsos.txt");
        CheckResult r = Checks.one(h, "hw-tc-offload");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("hw-tc-offload: off [fixed]");
        assertThat(r.fix()).contains("ethtool -K ens3 hw-tc-offload on");
    }

    // ---- ingress-qdisc ---------------------------------------------------------------------------------------

    /** {@code tc -j qdisc show} in the format of the real capture {@link dev.sriovctl.Captures#TC_QDISC}, for this host's devices. */
    private static String qdiscs(String... ingressDevs) {
        StringBuilder sb = new StringBuilder("[");
        for (String d : ingressDevs) {
            if (sb.length() > 1) sb.append(',');
            sb.append("{\"kind\":\"mq\",\"handle\":\"0:\",\"dev\":\"").append(d).append("\",\"root\":true,\"options\":{}},")
                    .append("{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"").append(d).append("\",\"parent\":\"ffff:fff1\",\"options\":{}}");
        }
        return sb.append("]\n").toString();
    }

    @Test
    void ingressQdiscPassesWhenEveryOffloadedPortHasIt() {
        CheckResult r = Checks.one(tester03(OFFLOAD).command(CommandCatalog.tcQdiscShow(), qdiscs("enp1s0f0np0", "enp1s0f0npf0vf0", "enp1s0f1npf1vf0")),
                "ingress-qdisc");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("enp1s0f0np0 ingress");
    }

    @Test
    void ingressQdiscFailsForThePortWithout() {
        List<CheckResult> r = Checks.run(tester03(OFFLOAD).command(CommandCatalog.tcQdiscShow(), qdiscs("enp1s0f0np0", "enp1s0f0npf0vf0")), "ingress-qdisc");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.FAIL, CheckStatus.PASS);
        assertThat(r.get(0).subject()).isEqualTo("enp1s0f1npf1vf0");
        assertThat(r.get(0).fix()).contains("restart ovs-vswitchd").contains("LP #1836581");
    }

    @Test
    void ingressQdiscSkipsWithoutTcOutput() {
        CheckResult r = Checks.one(tester03(OFFLOAD), "ingress-qdisc");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("'tc -j qdisc show' gave nothing");
    }
}
