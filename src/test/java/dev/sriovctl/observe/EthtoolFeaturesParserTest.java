package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EthtoolFeaturesParserTest {

    @Test
    void fullListingAfterEthtoolIHasHwTcOffloadFixedOff() {
        List<EthtoolFeatures> f = EthtoolFeaturesParser.parse(Fixtures.body("ethtool/ethtool-i-and-k-virtio-full-hotsos.txt"));
        EthtoolFeatures ens3 = f.get(f.size() - 1);
        assertThat(ens3.device()).isEqualTo("ens3");
        EthtoolFeatures.Feature tc = ens3.feature("hw-tc-offload").orElseThrow();
        assertThat(tc.on()).isFalse();
        assertThat(tc.fixed()).isTrue();
        assertThat(ens3.feature("tx-checksum-ip-generic").orElseThrow().on()).isTrue(); // tab-indented sub-feature
    }

    @Test
    void grepSessionGivesOneResultPerDeviceAndDistrustsOnlyOn() {
        List<EthtoolFeatures> f = EthtoolFeaturesParser.parse(Fixtures.body("ethtool/ethtool-k-grep-hw-tc-offload-pf-and-rep.txt"));
        assertThat(f).extracting(EthtoolFeatures::device).containsExactly("enp1s0f0np0", "enp1s0f1np1", "enp1s0f1npf1vf0");
        assertThat(f.get(0).feature("hw-tc-offload").orElseThrow().on()).isTrue();
        assertThat(f.get(1).feature("hw-tc-offload").orElseThrow().on()).isNull(); // "only on" is no ethtool state
        assertThat(f.get(2).feature("hw-tc-offload").orElseThrow().on()).isTrue();
    }

    @Test
    void requestedOnAndACutLastLine() {
        List<EthtoolFeatures> f = EthtoolFeaturesParser.parse(Fixtures.body("ethtool/ethtool-k-linux-bond-partial.txt"));
        assertThat(f).singleElement().satisfies(b -> {
            assertThat(b.device()).isEqualTo("bond0");
            EthtoolFeatures.Feature lro = b.feature("large-receive-offload").orElseThrow();
            assertThat(lro.on()).isFalse();
            assertThat(lro.requested()).isEqualTo("on");
            assertThat(b.feature("rx-vlan-stag-filter").orElseThrow().fixed()).isFalse(); // "[fixe" cut
        });
    }

    @Test
    void ethtoolIOutputHasNoFeatureStates() {
        List<EthtoolFeatures> f = EthtoolFeaturesParser.parse(Fixtures.body("ethtool/ethtool-i-mlx5-inbox-kernel5.5-version-5.0-0.txt"));
        assertThat(f).allSatisfy(x -> assertThat(x.feature("hw-tc-offload")).isEmpty());
    }
}
