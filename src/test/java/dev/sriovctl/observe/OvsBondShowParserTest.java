package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OvsBondShowParserTest {

    @Test
    void twoBalanceTcpBondsNegotiatedWithRecirculation() {
        List<OvsBondShowParser.BondStatus> b = OvsBondShowParser.parse(Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-balance-tcp-lacp.txt"));
        assertThat(b).extracting(OvsBondShowParser.BondStatus::name).containsExactly("tor-bond", "bond0");
        OvsBondShowParser.BondStatus bond0 = b.get(1);
        assertThat(bond0.mode()).isEqualTo("balance-tcp");
        assertThat(bond0.mayUseRecirculation()).isTrue();
        assertThat(bond0.lacpStatus()).isEqualTo("negotiated");
        assertThat(bond0.lacpFallbackAb()).isTrue();
        assertThat(bond0.members()).containsExactly(
                new OvsBondShowParser.Member("ens1f0", true, false, true),
                new OvsBondShowParser.Member("ens1f1", true, true, true));
    }

    @Test
    void memberDownIsDisabledAndMayNotEnable() {
        OvsBondShowParser.BondStatus bond0 = OvsBondShowParser.parse(Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt")).get(0);
        assertThat(bond0.members().get(1)).isEqualTo(new OvsBondShowParser.Member("ens1f1", false, false, false));
        assertThat(bond0.members().get(0).active()).isTrue();
    }

    @Test
    void balanceSlbWithHashLoadLinesAndPromptLine() {
        OvsBondShowParser.BondStatus b = OvsBondShowParser.parse(Fixtures.body("ovs/ovs-appctl-bond-show-balance-slb-hash-load.txt")).get(0);
        assertThat(b.name()).isEqualTo("ovs-bond");
        assertThat(b.mode()).isEqualTo("balance-slb");
        assertThat(b.mayUseRecirculation()).isFalse();
        assertThat(b.lacpStatus()).isEqualTo("off");
        assertThat(b.members()).extracting(OvsBondShowParser.Member::name).containsExactly("eno1", "eno2");
        assertThat(b.members().get(0).active()).isTrue();
    }

    @Test
    void realRhelBalanceTcp() {
        OvsBondShowParser.BondStatus b = OvsBondShowParser.parse(Fixtures.body("ovs/ovs-appctl-bond-show-balance-tcp-real-rhel8.txt")).get(0);
        assertThat(b.mayUseRecirculation()).isTrue();
        assertThat(b.lacpFallbackAb()).isFalse();
        assertThat(b.members()).allSatisfy(m -> assertThat(m.enabled()).isTrue());
    }

    @Test
    void noBondsMeansNoBlocks() {
        assertThat(OvsBondShowParser.parse(Fixtures.body("ovs/ovs-appctl-bond-list-header-only-slaves-column-hotsos.txt"))).isEmpty();
        assertThat(OvsBondShowParser.parse("")).isEmpty();
    }
}
