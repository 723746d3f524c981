package dev.sriovctl.sim.ovs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OvsSystemctlTest {

    @Test
    void restartOfOpenvswitchSwitchIsANewVswitchdThatReadsHwOffloadAfresh() {
        OvsLab lab = new OvsLab();
        lab.ok("set Open_vSwitch . other_config:hw-offload=true other_config:tc-policy=skip_sw");
        lab.ok("set Open_vSwitch . other_config:tc-policy=skip_hw");
        assertThat(lab.db.vswitchd().tcPolicy()).isEqualTo("skip_sw");
        int starts = lab.db.vswitchd().starts();
        assertThat(OvsSystemctl.run(lab.db, lab.links, List.of("systemctl", "restart", "openvswitch-switch"))).hasValueSatisfying(r ->
                assertThat(r.exitCode()).isZero());
        assertThat(lab.db.vswitchd().starts()).isEqualTo(starts + 1);
        assertThat(lab.db.vswitchd().tcPolicy()).isEqualTo("skip_hw");
        assertThat(lab.db.vswitchd().startedWith()).containsEntry("tc-policy", "skip_hw");
        assertThat(lab.appctl("bond/show bond0").stdout()).contains("lacp_status: negotiated");
    }

    @Test
    void stopThenIsActive() {
        OvsLab lab = new OvsLab();
        OvsSystemctl.run(lab.db, lab.links, List.of("systemctl", "stop", "openvswitch-switch.service"));
        assertThat(OvsSystemctl.run(lab.db, lab.links, List.of("systemctl", "is-active", "openvswitch-switch"))).hasValueSatisfying(r -> {
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("inactive\n");
        });
        assertThat(lab.vsctl("show").exitCode()).isEqualTo(1);
        assertThat(OvsSystemctl.run(lab.db, lab.links, List.of("systemctl", "restart", "nginx"))).isEmpty();
    }
}
