package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpctlFlowParserTest {

    @Test
    void readsHardwareOffloadedFlowsWithOffloadedAndDpTags() {
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/dpctl-dump-flows-m-type-offloaded-yes-dp-tc-kubeovn-doc.txt"));
        assertThat(flows).hasSize(2);
        DatapathFlow f = flows.get(1);
        assertThat(f.ufid()).isEqualTo("e00768d7-e652-4d79-8182-3291d852b791");
        assertThat(f.packets()).isEqualTo(82386659L);
        assertThat(f.bytes()).isEqualTo(115944854173L);
        assertThat(f.used()).isEqualTo(0.26);
        assertThat(f.isOffloaded()).isTrue();
        assertThat(f.dp()).isEqualTo("tc");
        assertThat(f.inPort()).isEqualTo("54235e5753b8_h");
        assertThat(f.actions()).isEqualTo("5b45c61b307e_h");
        assertThat(f.outputs()).containsExactly("5b45c61b307e_h");
    }

    @Test
    void readsTheCutOvnLineWithTunnelMatchAndRecircAction() {
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/dpctl-dump-flows-m-offloaded-yes-dp-tc-ovn-cx6-partial.txt"));
        assertThat(flows).singleElement().satisfies(f -> {
            assertThat(f.isOffloaded()).isTrue();
            assertThat(f.inPort()).isEqualTo("genev_sys_6081");
            assertThat(f.actionList()).containsExactly("set(eth(src=00:00:31:00:22:00,dst=88:2a:5e:a9:30:a8))",
                    "set(ipv4(ttl=62))", "ct(zone=1,nat)", "recirc(0x21)");
            assertThat(f.outputs()).isEmpty();
        });
    }

    @Test
    void tcFlowsWithoutOffloadedTagAreNotInHardware() {
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/dpctl-dump-flows-m-type-tc-mlx5-reps-cx4lx.txt"));
        assertThat(flows).hasSize(9);
        assertThat(flows).allSatisfy(f -> {
            assertThat(f.dp()).isEqualTo("tc");
            assertThat(f.isOffloaded()).isFalse();
        });
        assertThat(flows.get(1).used()).isNull(); // used:never
        assertThat(flows.get(2).outputs()).containsExactly("enp1s0f0npf0vf0", "enp1s0f1npf1vf0", "ovs-sriov");
    }

    @Test
    void emptyOffloadedListingAndPromptLinesGiveOnlyTheNonOffloadedFlows() {
        // one session: "type=offloaded" printed nothing, "type=non-offloaded" listed 9 dp:tc flows
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/dpctl-dump-flows-m-type-offloaded-empty-vs-non-offloaded.txt"));
        assertThat(flows).hasSize(9).noneMatch(DatapathFlow::isOffloaded);
        assertThat(flows.get(0).inPort()).isEqualTo("enp1s0f0npf0vf0");
        assertThat(flows.get(0).outputs()).containsExactly("enp1s0f1npf1vf0");
    }

    @Test
    void userspaceDatapathFlowsWithHashRecircAndExtraInfo() {
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/dpctl-dump-flows-m-userspace-dp-balance-tcp-hash-recirc-ovs3.1-lab.txt"));
        assertThat(flows).isNotEmpty().allSatisfy(f -> assertThat(f.dp()).isEqualTo("ovs"));
        assertThat(flows).anySatisfy(f -> {
            assertThat(f.actions()).contains("hash(l4(0)),recirc(0x2)");
            assertThat(f.actions()).doesNotContain("dp-extra-info");
        });
        assertThat(flows.get(0).actions()).isEqualTo("userspace(pid=0,slow_path(lacp))");
    }

    @Test
    void systemDatapathWithoutOffloadTags() {
        List<DatapathFlow> flows = DpctlFlowParser.parse(Fixtures.body("ovs/ovs-appctl-dpctl-dump-flows-m-system-ovs2.13-hotsos.txt"));
        assertThat(flows).hasSize(7).allSatisfy(f -> {
            assertThat(f.dp()).isEqualTo("ovs");
            assertThat(f.offloaded()).isNull();
        });
        assertThat(flows.get(4).packets()).isEqualTo(31800L);
        assertThat(flows.get(4).actions()).isEqualTo("drop");
        assertThat(flows.get(4).outputs()).isEmpty();
    }

    @Test
    void invalidArgumentAnswerIsAnErrorNotZeroFlows() {
        assertThatThrownBy(() -> DpctlFlowParser.parse(Fixtures.body("ovs/ovs-dpctl-dump-flows-type-invalid-argument-error-hotsos.txt")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("Invalid argument 'type'");
    }

    @Test
    void emptyOutputIsNoFlows() {
        assertThat(DpctlFlowParser.parse("")).isEmpty();
    }
}
