package dev.sriovctl.pve;

import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor's pve checks; the comparison rules are pve-guest-common Mapping/PCI.pm assert_valid's. */
class MappingChecksTest {

    @TempDir
    Path dir;

    static final PciDeviceInfo VF0 = new PciDeviceInfo("0000:81:00.2", "15b3", "101e", "15b3", "0083", "45", false);
    static final PciDeviceInfo VF1 = new PciDeviceInfo("0000:81:00.3", "15b3", "101e", "15b3", "0083", "46", false);
    static final Function<String, Optional<PciDeviceInfo>> DEVICES = pci -> Optional.ofNullable(Map.of(VF0.pci(), VF0, VF1.pci(), VF1).get(pci));

    static PciMapping mapping(String... map) {
        return new PciMapping("network", null, false, List.of(map), "d");
    }

    static List<String> problems(String entry) {
        return MappingChecks.assertValid(mapping(entry), MapEntry.parse(entry), DEVICES);
    }

    @Test
    void anEntryWrittenFromDiscoveryPasses() {
        List<Finding> f = MappingChecks.mappingMatches("pve1", List.of(mapping(
                "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45",
                "node=pve2,path=0000:41:00.2,id=15b3:101e,iommugroup=99")), DEVICES);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("pve-mapping-matches");
            assertThat(x.status()).isEqualTo(Finding.Status.PASS);
        });
    }

    @Test
    void comparesStringsCaseSensitivelyAsPveDoes() {
        assertThat(problems("node=pve1,path=0000:81:00.2,id=15B3:101E,subsystem-id=15b3:0083,iommugroup=45"))
                .containsExactly("'id' does not match for 'network' (15b3:101e != 15B3:101E)");
    }

    @Test
    void strips0xBeforeComparingButDoesNotParseNumbers() {
        assertThat(problems("node=pve1,path=0000:81:00.2,id=0x15b3:0x101e,subsystem-id=15b3:0083,iommugroup=45")).isEmpty();
        assertThat(problems("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=045"))
                .containsExactly("'iommugroup' does not match for 'network' (45 != 045)");
    }

    @Test
    void aValueSysfsHasButTheEntryLacksIsMissing() {
        assertThat(problems("node=pve1,path=0000:81:00.2,id=15b3:101e"))
                .containsExactly("missing expected property 'iommugroup' for device '0000:81:00.2'",
                        "missing expected property 'subsystem-id' for device '0000:81:00.2'");
    }

    @Test
    void aValueSysfsLacksButTheEntryHasIsUnexpected() {
        Function<String, Optional<PciDeviceInfo>> noIommu = p -> Optional.of(new PciDeviceInfo(p, "15b3", "101e", null, null, null, false));
        assertThat(MappingChecks.assertValid(mapping(), MapEntry.parse("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45"), noIommu))
                .containsExactly("unexpected property 'iommugroup' configured for device '0000:81:00.2'",
                        "unexpected property 'subsystem-id' configured for device '0000:81:00.2'");
    }

    @Test
    void checksTheIommuGroupOfTheFirstPathOnlyAndAddsFunctionZeroToWholeDevices() {
        assertThat(problems("node=pve1,path=0000:81:00.2;0000:81:00.3,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45")).isEmpty();
        assertThat(problems("node=pve1,path=0000:81:00.3;0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45"))
                .containsExactly("'iommugroup' does not match for 'network' (46 != 45)");
        assertThat(problems("node=pve1,path=0000:81:01,id=15b3:101e")).containsExactly("pci device '0000:81:01.0' not found");
    }

    @Test
    void aStaleEntryFailsWithEvidenceAndFix() {
        List<Finding> f = MappingChecks.mappingMatches("pve1", List.of(mapping(
                "node=pve1,path=0000:81:00.7,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=50")), DEVICES);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(Finding.Status.FAIL);
            assertThat(x.evidence()).contains("pci device '0000:81:00.7' not found").contains("fails to start on pve1");
            assertThat(x.fix()).contains("sriovctl pve map --mapping network");
        });
    }

    @Test
    void anMdevFlagOnVfsFails() {
        PciMapping m = new PciMapping("network", null, true, List.of("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45"), "d");
        assertThat(MappingChecks.mappingMatches("pve1", List.of(m), DEVICES)).singleElement()
                .satisfies(x -> assertThat(x.evidence()).contains("mdev=1").contains("does not support"));
    }

    @Test
    void unreadableOrSchemaInvalidEntriesWarnAndNoEntriesSkip() {
        List<Finding> f = MappingChecks.mappingMatches("pve1", List.of(mapping("node=pve1,id=15b3:101e", "node=pve1,path=0000:81:00.2,id=15B3:1O1E")), DEVICES);
        assertThat(f).extracting(Finding::status).containsExactly(Finding.Status.WARN, Finding.Status.WARN);
        assertThat(MappingChecks.mappingMatches("pve3", List.of(mapping("node=pve1,path=0000:81:00.2,id=15b3:101e")), DEVICES))
                .singleElement().satisfies(x -> assertThat(x.status()).isEqualTo(Finding.Status.SKIP));
    }

    @Test
    void readsDeviceInfoFromSysfsLikePve() {
        GuideHostSnapshot.write(dir, "pve1");
        try (SnapshotHost host = SnapshotHost.open(dir)) {
            PciDeviceInfo info = PciDeviceInfo.read(host, "0000:81:00.2").orElseThrow();
            assertThat(info).isEqualTo(new PciDeviceInfo("0000:81:00.2", "15b3", "101e", "15b3", "0083", "45", false));
            assertThat(PciDeviceInfo.read(host, "0000:81:00.7")).isEmpty();
            List<Finding> f = MappingChecks.mappingMatches("pve1", List.of(mapping(
                    "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45")), p -> PciDeviceInfo.read(host, p));
            assertThat(f).singleElement().satisfies(x -> assertThat(x.status()).isEqualTo(Finding.Status.PASS));
        }
    }

    // ---- vf-single-assignment ------------------------------------------------------------------

    Inventory inventory(String... drivers) {
        Path p = GuideHostSnapshot.write(dir.resolve("host"), "pve1", drivers);
        try (SnapshotHost host = SnapshotHost.open(p)) {
            return InventoryBuilder.build(host);
        }
    }

    static VmUse vm(int id, String node, String... conf) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        for (String c : conf) o.put(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1).strip());
        return new VmUse(new VmRef(id, node, "vm" + id, "running", false), new VmConfig(id, node, o, "d"));
    }

    static final PciMapping NET = mapping(
            "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45",
            "node=pve1,path=0000:81:00.3,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=46");

    @Test
    void passesWhenEveryGivenVfIsOnVfioAndGivenOnce() {
        List<Finding> f = MappingChecks.singleAssignment("pve1", inventory(), List.of(NET),
                List.of(vm(100, "pve1", "hostpci0: mapping=network"), vm(101, "pve1", "hostpci0: 0000:81:00.4")), Map.of());
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("vf-single-assignment");
            assertThat(x.status()).isEqualTo(Finding.Status.PASS);
            assertThat(x.evidence()).contains("3 VFs");
        });
    }

    @Test
    void aMappedVfBoundToTheHostDriverFails() {
        List<Finding> f = MappingChecks.singleAssignment("pve1", inventory("vfio-pci", "mlx5_core", "vfio-pci", "vfio-pci"), List.of(NET),
                List.of(), Map.of());
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(Finding.Status.FAIL);
            assertThat(x.subject()).isEqualTo("0000:81:00.3");
            assertThat(x.evidence()).contains("bound to mlx5_core (netdev enp129s0f0v1)").contains("in mapping network");
        });
    }

    @Test
    void aVfGivenByAddressToTwoVmsFailsAndOverlapWithAMappingWarns() {
        List<Finding> f = MappingChecks.singleAssignment("pve1", inventory(), List.of(NET),
                List.of(vm(100, "pve1", "hostpci0: 81:00.2"), vm(101, "pve1", "hostpci1: 0000:81:00.2,pcie=1"), vm(102, "pve1", "hostpci0: mapping=network")),
                Map.of("0000:81:00.2", 100));
        assertThat(f).extracting(Finding::status).containsExactly(Finding.Status.FAIL, Finding.Status.WARN);
        assertThat(f.get(0).evidence()).contains("2 VMs").contains("VM 100 (vm100) hostpci0").contains("held now by VM 100");
        assertThat(f.get(1).evidence()).contains("also in mapping network used by VM 102");
    }

    @Test
    void moreVmSlotsThanVfsWarnsAndTemplatesAndOtherNodesDoNotCount() {
        VmUse template = new VmUse(new VmRef(900, "pve1", "tpl", "stopped", true), new VmConfig(900, "pve1", Map.of("hostpci0", "mapping=network"), "d"));
        List<Finding> f = MappingChecks.singleAssignment("pve1", inventory(), List.of(NET),
                List.of(vm(100, "pve1", "hostpci0: mapping=network", "hostpci1: mapping=network"), vm(101, "pve1", "hostpci0: mapping=network"),
                        vm(200, "pve2", "hostpci0: mapping=network"), template), Map.of());
        assertThat(f).filteredOn(x -> x.subject().startsWith("mapping")).singleElement()
                .satisfies(x -> assertThat(x.evidence()).startsWith("3 hostpci entries").contains("it has 2 VFs"));
    }

    @Test
    void aVfInTwoMappingsWarns() {
        PciMapping other = new PciMapping("other", null, false, List.of("node=pve1,path=0000:81:00.2,id=15b3:101e"), "d");
        assertThat(MappingChecks.singleAssignment("pve1", inventory(), List.of(NET, other), List.of(), Map.of()))
                .singleElement().satisfies(x -> assertThat(x.evidence()).contains("in 2 mappings (network, other)"));
    }

    @Test
    void readsQemuServersReservationsFile() {
        // format from qemu-server src/PVE/QemuServer/PCI.pm ($write_pci_reservation_unlocked): no real file in the corpus
        Map<String, Integer> r = PciReservations.parse("0000:81:00.2 100 pid:12345\n0000:81:00.3 101 time:1767225600\nnonsense\n");
        assertThat(r).containsExactly(Map.entry("0000:81:00.2", 100), Map.entry("0000:81:00.3", 101));
        assertThat(PciReservations.parse(null)).isEmpty();
    }
}
