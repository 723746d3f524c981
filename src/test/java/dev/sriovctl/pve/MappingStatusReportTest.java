package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingStatusReportTest {

    static VmUse vm(int id, String node, boolean template, String hostpci) {
        return new VmUse(new VmRef(id, node, "vm" + id, "stopped", template), new VmConfig(id, node, Map.of("hostpci0", hostpci), "d"));
    }

    @Test
    void flagsVmsOnANodeWithoutEntriesAndUnreadableEntries() {
        PciMapping m = new PciMapping("network", null, false, List.of("node=pve1,path=0000:81:00.2,id=15b3:101e", "bogus"), "d");
        StatusReport r = MappingStatusReport.build("test", List.of(m), List.of(vm(300, "pve3", false, "mapping=network"),
                vm(900, "pve1", true, "mapping=network")), null, null);
        StatusReport.Mapping s = r.mappings().get(0);
        assertThat(s.nodes()).extracting(StatusReport.Node::node).containsExactly("pve1", "pve3");
        assertThat(s.nodes().get(0).used()).as("templates never start").isZero();
        assertThat(s.problems()).anyMatch(p -> p.contains("unreadable entry 'bogus'"))
                .anyMatch(p -> p.contains("VMs on pve3 use it, but it has no entry for pve3"));
    }

    @Test
    void anUnknownMappingNamesTheOnesThere() {
        PciMapping m = new PciMapping("network", null, false, List.of(), "d");
        assertThatThrownBy(() -> MappingStatusReport.build("test", List.of(m), List.of(), "gpu", null))
                .isInstanceOf(InputException.class).hasMessageContaining("mappings: network");
    }
}
