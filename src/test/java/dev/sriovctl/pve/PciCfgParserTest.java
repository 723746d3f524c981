package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No real /etc/pve/mapping/pci.cfg exists in the fixture corpus; the text below follows the
 * writer, pve-common SectionConfig.pm {@code write_config} with pve-guest-common Mapping/PCI.pm's
 * header (the id alone), tab-indented properties, one "map" line per element, blank line between
 * sections. The FakeCluster renders the same format, so both are checked against each other.
 */
class PciCfgParserTest {

    static final String CFG = """
            network
            \tmap node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45
            \tmap node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60
            \tdescription SR-IOV VFs, managed by sriovctl

            gpu
            \tmap node=pve1,path=0000:01:00.0,id=10de:2231,iommugroup=1
            \tmdev 1
            """;

    @Test
    void readsSectionsMapLinesDescriptionAndMdev() {
        List<PciMapping> m = PciCfgParser.parse(CFG, "pci.cfg");
        assertThat(m).extracting(PciMapping::id).containsExactly("network", "gpu");
        assertThat(m.get(0).map()).hasSize(2);
        assertThat(m.get(0).description()).isEqualTo("SR-IOV VFs, managed by sriovctl");
        assertThat(m.get(0).mdev()).isFalse();
        assertThat(m.get(1).mdev()).isTrue();
        assertThat(m.get(0).digest()).isEqualTo(FakeCluster.sha1(CFG)).isEqualTo(m.get(1).digest());
    }

    @Test
    void readsWhatTheFakeClusterWrites() {
        FakeCluster c = new FakeCluster();
        c.mapping("network", "VFs", "node=pve1,path=0000:81:00.2,id=15b3:101e,iommugroup=45");
        List<PciMapping> m = PciCfgParser.parse(c.pciCfg(), "pci.cfg");
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.map()).containsExactly("node=pve1,path=0000:81:00.2,id=15b3:101e,iommugroup=45");
            assertThat(x.digest()).isEqualTo(c.pciCfgDigest());
        });
    }

    @Test
    void pointsAtTheLineOfABrokenFile() {
        assertThatThrownBy(() -> PciCfgParser.parse("network\nmap node=pve1\n", "/etc/pve/mapping/pci.cfg"))
                .isInstanceOf(InputException.class).hasMessageContaining("/etc/pve/mapping/pci.cfg:2:1");
    }
}
