package dev.sriovctl.lab;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabTopologyTest {

    @Test
    void theGuideHostHasTheGuidesNames() {
        LabTopology t = LabTopology.guideHost(4).withHostBridge("vmbr1", "bond1").withIfupdown2();

        assertThat(t.uplinks()).containsExactly("enp129s0f0np0", "enp129s0f1np1");
        assertThat(t.representors()).containsExactly("ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3");
        assertThat(t.hostBridge()).contains(new LabTopology.HostBridge("vmbr1", "bond1"));
        assertThat(t.ifupdown2()).isTrue();
        assertThat(LabTopology.vmAddress(3)).isEqualTo("198.18.0.13");
    }

    @Test
    void namesTheKernelWouldRefuseAreRefusedUpFront() {
        assertThatThrownBy(() -> new LabTopology(List.of("enp129s0f0np0xyz", "b"), List.of(), Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enp129s0f0np0xyz");
        assertThatThrownBy(() -> new LabTopology(List.of("a b", "c"), List.of(), Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
    }

    @Test
    void namesMustNotRepeatOrCollideWithTheTorSide() {
        assertThatThrownBy(() -> LabTopology.guideHost(1).withHostBridge("vmbr1", "ovs-sw1pf0vf0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new LabTopology(List.of("tor-p0", "x"), List.of(), Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    }

    @Test
    void aLabHasExactlyTwoUplinks() {
        assertThatThrownBy(() -> new LabTopology(List.of("a", "b", "c"), List.of(), Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two uplinks");
    }
}
