package dev.sriovctl.pve;

import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The test host is discovered the way a real one is: the VFs the pve tests map come out of InventoryBuilder. */
class GuideHostSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void discoveryFindsFourVfsWithIdsSubsystemGroupsAndRepresentors() {
        GuideHostSnapshot.write(dir, "pve1");
        try (SnapshotHost host = SnapshotHost.open(dir)) {
            Inventory inv = InventoryBuilder.build(host);
            assertThat(inv.hostname()).isEqualTo("pve1");
            Pf pf = inv.pf("enp129s0f0np0").orElseThrow();
            assertThat(pf.pci()).isEqualTo(GuideHostSnapshot.PF0);
            assertThat(pf.vfs()).extracting(Vf::pci).containsExactly(GuideHostSnapshot.VFS);
            Vf vf0 = pf.vfs().get(0);
            assertThat(vf0.vendorId() + ":" + vf0.deviceId()).isEqualTo("15b3:101e");
            assertThat(vf0.subsystemId()).isEqualTo("15b3:0083");
            assertThat(vf0.iommuGroup()).isEqualTo(45);
            assertThat(vf0.iommuPeers()).isEmpty();
            assertThat(vf0.driver()).isEqualTo("vfio-pci");
            assertThat(vf0.representor()).isEqualTo("ovs-sw1pf0vf0");
            assertThat(inv.pf("enp129s0f1np1").orElseThrow().vfs()).isEmpty();
        }
    }
}
