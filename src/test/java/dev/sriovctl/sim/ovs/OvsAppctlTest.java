package dev.sriovctl.sim.ovs;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.OvsBondShowParser;
import dev.sriovctl.observe.OvsLacpShowParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OvsAppctlTest {

    /** The fixture's blocks, one per bond, keyed by bond name. */
    private static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        // the capture of the healthy lab ends without the blank line bond/show prints after the last member
        for (String b : text.split("(?=---- )")) if (!b.isBlank()) out.add(b.stripTrailing());
        out.sort(String::compareTo);
        return out;
    }

    private static String withoutActiveMember(String s) {
        return OvsLab.maskRun(s).replace("  active member\n", "").replaceAll("active member mac: <mac>\\(.*\\)", "active member mac: <mac>(..)");
    }

    @Test
    void bondShowOfTheHealthyLabMatchesTheRealCaptureLineByLine() {
        // fixture: ovs/ovs-appctl-bond-show-ovs3.1-lab-balance-tcp-lacp.txt (both bonds negotiated)
        OvsLab lab = new OvsLab();
        String got = lab.appctl("bond/show").stdout();
        String want = Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-balance-tcp-lacp.txt");
        // which member is "active" is OVS's choice (the lab had tor-p0 and ens1f1); compare without that line
        assertThat(blocks(withoutActiveMember(got))).isEqualTo(blocks(withoutActiveMember(want)));
    }

    @Test
    void bondShowWithAMemberDownMatchesTheRealCapture() {
        // fixture: ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt (ens1f1 link down)
        OvsLab lab = new OvsLab();
        lab.linkDown("ens1f1", "tor-p1");
        String got = lab.appctl("bond/show bond0").stdout();
        String want = Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt");
        assertThat(OvsLab.maskRun(got)).isEqualTo(OvsLab.maskRun(want));
    }

    @Test
    void lacpShowWithAMemberDownMatchesTheRealCapture() {
        // fixture: ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt
        OvsLab lab = new OvsLab();
        lab.linkDown("ens1f1", "tor-p1");
        String got = lab.appctl("lacp/show bond0").stdout();
        String want = Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt");
        assertThat(OvsLab.maskRun(got)).isEqualTo(OvsLab.maskRun(want));
    }

    @Test
    void lacpShowOfTheNegotiatedLabMatchesTheRealCapture() {
        // fixture: ovs/ovs-appctl-lacp-show-ovs3.1-lab-negotiated.txt (tor-bond and bond0)
        OvsLab lab = new OvsLab();
        String got = lab.appctl("lacp/show").stdout();
        String want = Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-negotiated.txt");
        assertThat(blocks(OvsLab.maskRun(got))).isEqualTo(blocks(OvsLab.maskRun(want)));
    }

    @Test
    void theRepositoryParsersReadTheSimulatedOutputs() {
        OvsLab lab = new OvsLab();
        lab.linkDown("ens1f1", "tor-p1");
        List<OvsBondShowParser.BondStatus> bonds = OvsBondShowParser.parse(lab.appctl("bond/show").stdout());
        OvsBondShowParser.BondStatus bond0 = bonds.stream().filter(b -> b.name().equals("bond0")).findFirst().orElseThrow();
        assertThat(bond0.mode()).isEqualTo("balance-tcp");
        assertThat(bond0.mayUseRecirculation()).isTrue();
        assertThat(bond0.lacpStatus()).isEqualTo("negotiated");
        assertThat(bond0.lacpFallbackAb()).isTrue();
        assertThat(bond0.members()).extracting(OvsBondShowParser.Member::name, OvsBondShowParser.Member::enabled,
                OvsBondShowParser.Member::mayEnable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ens1f0", true, true), org.assertj.core.groups.Tuple.tuple("ens1f1", false, false));

        List<OvsLacpShowParser.LacpStatus> lacp = OvsLacpShowParser.parse(lab.appctl("lacp/show bond0").stdout());
        assertThat(lacp).singleElement().satisfies(l -> {
            assertThat(l.negotiated()).isTrue();
            assertThat(l.lacpTime()).isEqualTo("fast");
            assertThat(l.members()).extracting(OvsLacpShowParser.Member::name, OvsLacpShowParser.Member::state,
                    OvsLacpShowParser.Member::attached).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ens1f0", "current", true),
                            org.assertj.core.groups.Tuple.tuple("ens1f1", "defaulted", false));
        });
    }

    @Test
    void lacpFallbackAbIsReadFromThePortNotFromTheOpenVswitchTable() {
        // the guide sets other_config:lacp-fallback-ab on Open_vSwitch, where OVS never reads it (vswitch.xml: a Port key)
        OvsLab lab = new OvsLab();
        lab.ok("remove Port bond0 other_config lacp-fallback-ab");
        lab.ok("set Open_vSwitch . other_config:lacp-fallback-ab=true");
        for (String m : List.of("ens1f0", "ens1f1")) lab.db.setPartner(m, LacpPartner.none());
        Vswitchd.reconfigure(lab.db, lab.links);
        String show = lab.appctl("bond/show bond0").stdout();
        assertThat(show).contains("lacp_status: configured\n", "lacp_fallback_ab: false\n", "member ens1f0: disabled\n",
                "member ens1f1: disabled\n", "active member mac: 00:00:00:00:00:00(none)\n");

        lab.ok("set Port bond0 other_config:lacp-fallback-ab=true");
        show = lab.appctl("bond/show bond0").stdout();
        assertThat(show).contains("lacp_status: configured\n", "lacp_fallback_ab: true\n", "member ens1f0: enabled\n",
                "member ens1f1: enabled\n");
    }

    @Test
    void aPassivePartnerOfAPassiveBondNeverNegotiates() {
        // both ends passive: nobody sends LACPDUs (real OVS 3.1: "defaulted detached", "aggregation collecting distributing defaulted")
        OvsLab lab = new OvsLab();
        lab.ok("set Port bond0 lacp=passive other_config:lacp-time=slow");
        lab.db.setPartner("ens1f0", new LacpPartner("0e:00:00:00:00:01", 32768, 1, 32768, 1, false, false, true));
        lab.db.setPartner("ens1f1", new LacpPartner("0e:00:00:00:00:01", 32768, 2, 32768, 1, false, false, true));
        lab.ok("remove Port bond0 other_config lacp-fallback-ab");
        String lacp = lab.appctl("lacp/show bond0").stdout();
        assertThat(lacp).contains("  status: passive\n", "member: ens1f0: defaulted detached\n",
                "  actor state: aggregation collecting distributing defaulted\n", "  partner state:\n");
    }

    @Test
    void unknownBondsAndCommandsAreServerErrors() {
        OvsLab lab = new OvsLab();
        CommandResult r = lab.appctl("bond/show nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("no such bond\novs-appctl: ovs-vswitchd: server returned an error\n");
        assertThat(lab.appctl("lacp/show pf0vf0").stderr()).startsWith("no such lacp object\n");
        assertThat(lab.appctl("frob/nicate").stderr()).isEqualTo("\"frob/nicate\" is not a valid command (use \"list-commands\" to see "
                + "a list of valid commands)\novs-appctl: ovs-vswitchd: server returned an error\n");
        assertThat(lab.appctl("bond/show a b").stderr()).startsWith("\"bond/show\" command takes at most 1 arguments\n");
        assertThat(lab.appctl("dpctl/dump-flows type=bogus").stderr())
                .isEqualTo("ovs-vswitchd: Failed to parse type (bogus) (Invalid argument)\novs-appctl: ovs-vswitchd: server returned an error\n");
    }

    @Test
    void aStoppedVswitchdCannotBeReached() {
        OvsLab lab = new OvsLab();
        assertThat(lab.appctl("exit --cleanup").exitCode()).isZero();
        CommandResult r = lab.appctl("bond/show");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).endsWith("ovs-appctl: cannot read pidfile \"/var/run/openvswitch/ovs-vswitchd.pid\" (No such file or directory)\n");
        assertThat(lab.links.exists("vmbr1")).as("--cleanup removes the internal ports' netdevs").isFalse();
    }
}
