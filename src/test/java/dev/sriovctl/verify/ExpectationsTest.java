package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.ValidSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A spec resolved against a host, in the terms doctor judges (doctor -f). */
class ExpectationsTest {

    @TempDir
    Path dir;

    private Inventory guideHost() {
        try (SnapshotHost h = Hosts.guide(dir).build()) {
            return InventoryBuilder.build(h);
        }
    }

    private Expectations of(SpecLoader.Loaded loaded) {
        return Expectations.of(ValidSpec.of(loaded, guideHost()).target(), "spec.yaml");
    }

    @Test
    void theGuidesSpecBecomesWhatEachCheckJudges() {
        Expectations e = of(SpecLoader.read(Fixtures.repo().resolve("examples/guide-host.yaml")));
        assertThat(e.pfs()).containsExactly(
                new Expectations.PfExpectation("0000:81:00.0", EswitchMode.SWITCHDEV, 4,
                        Map.of(0, "ovs-sw1pf0vf0", 1, "ovs-sw1pf0vf1", 2, "ovs-sw1pf0vf2", 3, "ovs-sw1pf0vf3"), null),
                new Expectations.PfExpectation("0000:81:00.1", EswitchMode.SWITCHDEV, 0, Map.of(), null));
        assertThat(e.ovs()).isEqualTo(new Expectations.OvsExpectation(true, "skip_sw", true));
        assertThat(e.bridges()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("vmbr1");
            assertThat(b.mtu()).isEqualTo(9000);
            assertThat(b.ports()).containsExactly("ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3");
            assertThat(b.bond()).isEqualTo(new Expectations.BondExpectation("bond1", Expectations.BondType.OVS,
                    List.of("enp129s0f0np0", "enp129s0f1np1"), "balance-tcp", "active"));
        });
        assertThat(e.passthroughVfs()).containsExactly("0000:81:00.2", "0000:81:00.3", "0000:81:00.4", "0000:81:00.5");
        assertThat(e.mappings()).containsExactly(new Expectations.MappingExpectation("network",
                List.of("0000:81:00.2", "0000:81:00.3", "0000:81:00.4", "0000:81:00.5")));
        assertThat(e.source()).isEqualTo("spec.yaml");
    }

    @Test
    void aVfLagBondIsOfTypeVfLagAndHostVfsAreNotForVms() {
        Expectations e = of(SpecLoader.parse("""
                version: 1
                nics:
                  - name: sw1
                    ports:
                      - {pf: enp129s0f0np0, eswitch: switchdev, vfs: 2, vf-driver: mlx5_core, mtu: 9000}
                      - {pf: enp129s0f1np1, eswitch: switchdev, vfs: 0, mtu: 9000}
                bridges:
                  - name: vmbr1
                    bond: {name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1]}
                    ports: [sw1/pf0vf*]
                """, "lag.yaml"));
        assertThat(e.bridges().get(0).bond()).isEqualTo(new Expectations.BondExpectation("bond1", Expectations.BondType.VF_LAG,
                List.of("enp129s0f0np0", "enp129s0f1np1"), "802.3ad", "active"));
        assertThat(e.pfs().get(0).mtu()).isEqualTo(9000);
        assertThat(e.passthroughVfs()).isEmpty();
        assertThat(e.mappings()).isEmpty();
        assertThat(e.ovs().lacpFallbackAb()).isNull();
    }
}
