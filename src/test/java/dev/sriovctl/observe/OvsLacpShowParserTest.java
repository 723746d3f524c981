package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OvsLacpShowParserTest {

    @Test
    void bothBondsNegotiatedWithCurrentMembersAndPartner() {
        List<OvsLacpShowParser.LacpStatus> l = OvsLacpShowParser.parse(Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-negotiated.txt"));
        assertThat(l).extracting(OvsLacpShowParser.LacpStatus::bond).containsExactly("tor-bond", "bond0");
        OvsLacpShowParser.LacpStatus bond0 = l.get(1);
        assertThat(bond0.negotiated()).isTrue();
        assertThat(bond0.lacpTime()).isEqualTo("fast");
        assertThat(bond0.members()).containsExactly(
                new OvsLacpShowParser.Member("ens1f0", "current", true, "4a:50:7c:c6:d6:4e"),
                new OvsLacpShowParser.Member("ens1f1", "current", true, "4a:50:7c:c6:d6:4e"));
    }

    @Test
    void downMemberIsDefaultedDetachedWithEmptyPartner() {
        OvsLacpShowParser.LacpStatus bond0 = OvsLacpShowParser.parse(Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt")).get(0);
        assertThat(bond0.members().get(1)).isEqualTo(new OvsLacpShowParser.Member("ens1f1", "defaulted", false, "00:00:00:00:00:00"));
    }

    @Test
    void oldSlaveWordingOfOvs2() {
        OvsLacpShowParser.LacpStatus b = OvsLacpShowParser.parse(Fixtures.body("ovs/ovs-appctl-lacp-show-dpdkbond-defaulted-member.txt")).get(0);
        assertThat(b.bond()).isEqualTo("dpdkbond");
        assertThat(b.status()).isEqualTo("active negotiated");
        assertThat(b.lacpTime()).isEqualTo("slow");
        assertThat(b.members()).extracting(OvsLacpShowParser.Member::name, OvsLacpShowParser.Member::state, OvsLacpShowParser.Member::attached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dpdk0", "current", true),
                        org.assertj.core.groups.Tuple.tuple("dpdk1", "defaulted", false));
    }
}
