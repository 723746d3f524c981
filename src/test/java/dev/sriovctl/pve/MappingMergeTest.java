package dev.sriovctl.pve;

import dev.sriovctl.observe.PciAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MappingMergeTest {

    static MapEntry vf(String node, String pci, int group) {
        return MapEntry.of(node, PciAddress.parse(pci), "15b3:101e", "15b3:0083", group);
    }

    static final String PVE2_A = "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60";
    static final String PVE2_B = "path=0000:41:00.3,node=pve2,id=15b3:101e,iommugroup=61"; // GUI key order, kept verbatim

    @Test
    void keepsOtherNodesEntriesVerbatimAndInPlaceAndReplacesOnlyThisNodes() {
        List<String> current = List.of(PVE2_A, vf("pve1", "0000:81:00.2", 45).format(), "node=pve1,path=0000:81:00.7,id=15b3:101e", PVE2_B);
        MappingMerge.Result r = MappingMerge.merge(current, "pve1", List.of(vf("pve1", "0000:81:00.2", 45), vf("pve1", "0000:81:00.3", 46)));
        assertThat(r.changed()).isTrue();
        assertThat(r.after()).containsExactly(PVE2_A, vf("pve1", "0000:81:00.2", 45).format(), vf("pve1", "0000:81:00.3", 46).format(), PVE2_B);
        assertThat(r.added()).containsExactly(vf("pve1", "0000:81:00.3", 46).format());
        assertThat(r.removed()).containsExactly("node=pve1,path=0000:81:00.7,id=15b3:101e");
        assertThat(r.kept()).containsExactly(PVE2_A, PVE2_B);
    }

    @Test
    void appendsWhenThisNodeHadNoEntries() {
        MappingMerge.Result r = MappingMerge.merge(List.of(PVE2_A), "pve1", List.of(vf("pve1", "0000:81:00.2", 45)));
        assertThat(r.after()).containsExactly(PVE2_A, vf("pve1", "0000:81:00.2", 45).format());
    }

    @Test
    void sameEntriesInAnotherOrderOrKeyOrderAreANoOp() {
        List<String> current = List.of("path=0000:81:00.3,node=pve1,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=46", PVE2_A,
                vf("pve1", "0000:81:00.2", 45).format());
        MappingMerge.Result r = MappingMerge.merge(current, "pve1", List.of(vf("pve1", "0000:81:00.2", 45), vf("pve1", "0000:81:00.3", 46)));
        assertThat(r.changed()).isFalse();
        assertThat(r.after()).isEqualTo(current);
    }

    @Test
    void aChangedIommuGroupIsAChange() {
        List<String> current = List.of(vf("pve1", "0000:81:00.2", 44).format());
        MappingMerge.Result r = MappingMerge.merge(current, "pve1", List.of(vf("pve1", "0000:81:00.2", 45)));
        assertThat(r.changed()).isTrue();
        assertThat(r.after()).containsExactly(vf("pve1", "0000:81:00.2", 45).format());
    }

    @Test
    void keepsUnreadableEntriesWithAWarning() {
        MappingMerge.Result r = MappingMerge.merge(List.of("garbage", PVE2_A), "pve1", List.of(vf("pve1", "0000:81:00.2", 45)));
        assertThat(r.after()).startsWith("garbage", PVE2_A);
        assertThat(r.warnings()).singleElement().asString().contains("'garbage'");
    }

    @Property
    void mergingIsIdempotentAndNeverTouchesOtherNodes(@ForAll("lists") List<String> current, @ForAll("desired") List<MapEntry> desired) {
        MappingMerge.Result once = MappingMerge.merge(current, "pve1", desired);
        MappingMerge.Result twice = MappingMerge.merge(once.after(), "pve1", desired);
        assertThat(twice.changed()).isFalse();
        assertThat(twice.after()).isEqualTo(once.after());
        List<String> othersBefore = current.stream().filter(s -> !MapEntry.parse(s).node().equals("pve1")).toList();
        List<String> othersAfter = once.after().stream().filter(s -> !MapEntry.parse(s).node().equals("pve1")).toList();
        assertThat(othersAfter).isEqualTo(othersBefore);
        assertThat(once.after().stream().filter(s -> MapEntry.parse(s).node().equals("pve1")).map(s -> MapEntry.parse(s).format()).sorted())
                .containsExactlyElementsOf(desired.stream().map(MapEntry::format).sorted().toList());
    }

    @Provide
    Arbitrary<List<String>> lists() {
        return entries(List.of("pve1", "pve2", "pve3")).map(MapEntry::format).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<MapEntry>> desired() {
        return entries(List.of("pve1")).list().ofMinSize(1).ofMaxSize(6);
    }

    private static Arbitrary<MapEntry> entries(List<String> nodes) {
        return Combinators.combine(Arbitraries.of(nodes), Arbitraries.integers().between(2, 9), Arbitraries.integers().between(40, 50))
                .as((n, f, g) -> vf(n, "0000:81:0" + (f / 8) + "." + (f % 8), g));
    }

    @Test
    void listsWithDuplicatesAreComparedAsMultisets() {
        List<MapEntry> desired = new ArrayList<>(List.of(vf("pve1", "0000:81:00.2", 45), vf("pve1", "0000:81:00.2", 45)));
        MappingMerge.Result r = MappingMerge.merge(List.of(vf("pve1", "0000:81:00.2", 45).format()), "pve1", desired);
        assertThat(r.changed()).isTrue();
    }
}
