package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VfSelectorTest {

    @TempDir
    Path dir;
    Inventory inv;

    @BeforeEach
    void discover() {
        try (SnapshotHost h = SnapshotHost.open(GuideHostSnapshot.write(dir, "pve1"))) {
            inv = InventoryBuilder.build(h);
        }
    }

    static List<String> pcis(List<SelectedVf> s) {
        return s.stream().map(x -> x.vf().pci()).toList();
    }

    @Test
    void byDefaultEveryVfOfEveryMlx5Pf() {
        assertThat(pcis(VfSelector.all().select(inv))).containsExactly(GuideHostSnapshot.VFS);
    }

    @Test
    void globsMatchRepresentorsPfSlashVfAndPciAddresses() {
        assertThat(pcis(new VfSelector(List.of(), List.of("ovs-sw1pf0vf[02]")).select(inv))).containsExactly("0000:81:00.2", "0000:81:00.4");
        assertThat(pcis(new VfSelector(List.of(), List.of("enp129s0f0np0/vf3")).select(inv))).containsExactly("0000:81:00.5");
        assertThat(pcis(new VfSelector(List.of(), List.of("0000:81:00.?", "ovs-sw1pf0vf0")).select(inv))).hasSize(4);
        assertThat(pcis(new VfSelector(List.of(), List.of("0000:81:00.[!23]")).select(inv))).containsExactly("0000:81:00.4", "0000:81:00.5");
    }

    @Test
    void pfsAreNamedByNetdevOrPciAddress() {
        assertThat(pcis(new VfSelector(List.of("enp129s0f0np0"), List.of()).select(inv))).hasSize(4);
        assertThat(pcis(new VfSelector(List.of(GuideHostSnapshot.PF0), List.of("*vf1")).select(inv))).containsExactly("0000:81:00.3");
    }

    @Test
    void explainsWhatIsThereWhenNothingMatches() {
        assertThatThrownBy(() -> new VfSelector(List.of("eth9"), List.of()).select(inv)).isInstanceOf(InputException.class)
                .hasMessageContaining("--pf eth9").hasMessageContaining("enp129s0f0np0 (0000:81:00.0)");
        assertThatThrownBy(() -> new VfSelector(List.of(), List.of("ovs-sw2*")).select(inv))
                .hasMessageContaining("matches no VF").hasMessageContaining("0000:81:00.2 (enp129s0f0np0 VF 0, representor ovs-sw1pf0vf0)");
        assertThatThrownBy(() -> new VfSelector(List.of("enp129s0f1np1"), List.of()).select(inv))
                .hasMessageContaining("have no VFs").hasMessageContaining("sriovctl apply");
    }

    @Test
    void describesVfsForPveAndWarnsAboutWhatWouldBite() {
        List<String> warnings = new ArrayList<>();
        List<MapEntry> e = MappingSync.desiredEntries("pve1", VfSelector.all().select(inv), warnings);
        assertThat(e).extracting(MapEntry::format).first()
                .isEqualTo("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45");
        assertThat(warnings).isEmpty();
        SelectedVf s = VfSelector.all().select(inv).get(0);
        var noGroup = new dev.sriovctl.observe.Vf(0, s.vf().pci(), "15b3", "101e", null, null, null, null, null, null, null, null, null, null, null, List.of());
        var shared = new dev.sriovctl.observe.Vf(1, "0000:81:00.3", "15b3", "101e", null, "mlx5_core", null, null, null, null, null, null, null, null, 7, List.of("0000:81:00.0"));
        List<MapEntry> odd = MappingSync.desiredEntries("pve1", List.of(new SelectedVf(s.pf(), noGroup), new SelectedVf(s.pf(), shared)), warnings);
        assertThat(odd).extracting(MapEntry::format).containsExactly("node=pve1,path=0000:81:00.2,id=15b3:101e",
                "node=pve1,path=0000:81:00.3,id=15b3:101e,iommugroup=7");
        assertThat(warnings).hasSize(3).anyMatch(w -> w.contains("no IOMMU group")).anyMatch(w -> w.contains("shares IOMMU group 7"))
                .anyMatch(w -> w.contains("bound to mlx5_core"));
    }
}
