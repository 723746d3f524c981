package dev.sriovctl.pve;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Map entries and VM configs, read from qemu-server's own test fixtures (in place). */
class ModelTest {

    /** The quoted map strings of proxmox/pci-mapping-config-perl-structure-qemu-server-test.txt. */
    static List<String> fixtureMapStrings() {
        String perl = Fixtures.body("proxmox/pci-mapping-config-perl-structure-qemu-server-test.txt");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'(node=[^']+)'").matcher(perl);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** A qm config fixture as GET .../config would give it: "key: value" lines, the '# TEST:' comment dropped. */
    static Map<String, String> qmConfig(String fixture) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : Fixtures.body(fixture).split("\n")) {
            if (l.startsWith("#") || l.isBlank()) continue;
            int c = l.indexOf(':');
            out.put(l.substring(0, c), l.substring(c + 1).strip());
        }
        return out;
    }

    @Test
    void parsesEveryMapStringOfQemuServersTestConfig() {
        List<String> strings = fixtureMapStrings();
        assertThat(strings).hasSize(6);
        MapEntry e = MapEntry.parse(strings.get(3)); // someNic, first VF
        assertThat(e.node()).isEqualTo("localhost");
        assertThat(e.path()).isEqualTo("0000:07:10.0");
        assertThat(e.id()).isEqualTo("8086:1520");
        assertThat(e.iommugroup()).isEqualTo("2");
        assertThat(e.subsystemId()).isNull();
        assertThat(e.schemaProblems()).isEmpty();
        for (String s : strings) assertThat(MapEntry.parse(s).format()).isEqualTo(s); // same key order: round trip
    }

    @Test
    void formatsEntriesInTheBriefsKeyOrderAndComparesRegardlessOfOrder() {
        MapEntry mine = MapEntry.of("pve1", dev.sriovctl.observe.PciAddress.parse("0000:81:00.2"), "15b3:101e", "15b3:0083", 45);
        assertThat(mine.format()).isEqualTo("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45");
        MapEntry gui = MapEntry.parse("path=0000:81:00.2,node=pve1,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45");
        assertThat(gui.sameAs(mine)).isTrue();
        assertThat(gui.text()).startsWith("path=");
    }

    @Test
    void reportsWhatPvesSchemaWouldRefuse() {
        MapEntry e = MapEntry.parse("node=pve1,path=0000:81:00.2,id=15B3:101E,iommugroup=x");
        assertThat(e.schemaProblems()).hasSize(1).first().asString().contains("iommugroup");
        assertThat(MapEntry.parse("node=pve1,path=0000:81:0A.2,id=15b3:101e").schemaProblems()).first().asString().contains("lower-case");
        assertThat(MapEntry.parse("node=pve1,path=81:00.2,id=15b3:101e").schemaProblems()).first().asString().contains("domain");
        assertThatThrownBy(() -> MapEntry.parse("node=pve1,id=15b3:101e")).hasMessageContaining("'path' is missing");
    }

    @Test
    void readsHostpciMappingsFromQemuServersFixture() {
        VmConfig c = new VmConfig(100, "pve1", qmConfig("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt"), "d");
        assertThat(c.hostpci()).extracting(HostPci::index).containsExactly(0, 1, 2);
        assertThat(c.hostpci()).extracting(HostPci::mapping).containsExactly("someNic", "someGpu", "someNic");
        assertThat(c.hostpci().get(1).options()).containsEntry("mdev", "some-model");
        assertThat(c.isQ35()).isTrue();
        assertThat(c.freeSlots()).startsWith(3, 4).hasSize(13);
        assertThat(new VmUse(new VmRef(100, "pve1", "x", "stopped", false), c).slotsOf("someNic")).hasSize(2);
    }

    @Test
    void readsRawHostAddressesWithPcieAndGaps() {
        VmConfig c = new VmConfig(100, "pve1", qmConfig("proxmox/qm-config-hostpci-raw-addresses-qemu-server-test.txt"), "d");
        List<HostPci> h = c.hostpci();
        assertThat(h).extracting(HostPci::index).containsExactly(0, 1, 2, 3, 4, 7);
        assertThat(h.get(1).host()).isEqualTo("d0:13.0");
        assertThat(h.get(1).pcie()).isTrue();
        assertThat(h.get(0).pcie()).isFalse();
        assertThat(h.get(4).options()).containsEntry("rombar", "0");
        assertThat(h.get(1).hostAddresses()).containsExactly("0000:d0:13.0");
        assertThat(h.get(1).covers("0000:d0:13.0")).isTrue();
        assertThat(c.freeSlots()).startsWith(5, 6, 8);
    }

    @Test
    void aWholeDeviceAddressCoversAllItsFunctions() {
        HostPci h = HostPci.parse(0, "0000:81:00,pcie=1");
        assertThat(h.covers("0000:81:00.3")).isTrue();
        assertThat(h.covers("0000:81:01.0")).isFalse();
        assertThat(HostPci.parse(0, "81:00.2;81:00.3").hostAddresses()).containsExactly("0000:81:00.2", "0000:81:00.3");
    }

    @Test
    void machineTypeIsQ35AsQemuServerDecides() {
        assertThat(vm("machine", "q35").isQ35()).isTrue();
        assertThat(vm("machine", "pc-q35-8.1").isQ35()).isTrue();
        assertThat(vm("machine", "type=q35,viommu=intel").isQ35()).isTrue();
        assertThat(vm("machine", "pc-i440fx-8.1").isQ35()).isFalse();
        assertThat(vm("name", "no-machine").isQ35()).isFalse();
    }

    @Test
    void propertyStringsKeepQuotedCommas() {
        Map<String, String> kv = PropertyString.parse("node=pve1,description=\"a, b\",path=0000:81:00.2", null);
        assertThat(kv).containsEntry("description", "a, b");
        assertThat(PropertyString.format(kv)).isEqualTo("node=pve1,description=\"a, b\",path=0000:81:00.2");
        assertThatThrownBy(() -> PropertyString.parse("a=1,a=2", null)).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> PropertyString.parse("x", null)).hasMessageContaining("without key");
    }

    private static VmConfig vm(String k, String v) {
        return new VmConfig(100, "pve1", Map.of(k, v), "d");
    }
}
