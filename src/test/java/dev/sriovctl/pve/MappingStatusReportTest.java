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

    /**
     * Without the API the report comes from pmxcfs files on the host: every node's VM configurations (pmxcfs holds the
     * cluster's), this node's reservations for who holds which VF; other nodes' VMs have no known state.
     */
    @Test
    void fromPmxcfsFilesOnASnapshotCountsEveryNodesVmsAndThisNodesHolders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        dev.sriovctl.host.SnapshotWriter w = new dev.sriovctl.host.SnapshotWriter(dir.resolve("pve1"));
        w.file("/proc/sys/kernel/hostname", "pve1\n");
        w.file("/etc/pve/mapping/pci.cfg", PveFactsTest.PCI_CFG);
        w.file(dev.sriovctl.host.CommandCatalog.pveVmConfigDir("pve1") + "/101.conf", "name: db1\nhostpci0: mapping=network\n");
        w.file(dev.sriovctl.host.CommandCatalog.pveVmConfigDir("pve2") + "/200.conf", "name: web\nhostpci0: mapping=network\nhostpci1: mapping=network\n");
        w.file(PciReservations.PATH, "0000:81:00.2 101 pid:4242\n");
        w.finish(new dev.sriovctl.host.SnapshotFormat.Meta(dev.sriovctl.host.SnapshotFormat.FORMAT, "pve1", "2026-12-08T00:00:00Z", "6.8.12-4-pve"));
        try (dev.sriovctl.host.SnapshotHost h = dev.sriovctl.host.SnapshotHost.open(dir.resolve("pve1"))) {
            StatusReport r = MappingStatusReport.fromHost(h, null, null).orElseThrow();
            assertThat(r.via()).endsWith("/fs/etc/pve (pmxcfs files)");
            assertThat(r.localNode()).isEqualTo("pve1");
            StatusReport.Mapping m = r.mappings().get(0);
            StatusReport.Node pve1 = m.nodes().get(0);
            StatusReport.Node pve2 = m.nodes().get(1);
            assertThat(pve1.vms()).extracting(StatusReport.Vm::status).containsExactly("running");
            assertThat(pve1.entries()).extracting(StatusReport.VfEntry::heldBy).containsExactly(101);
            assertThat(pve2.used()).isEqualTo(2);
            assertThat(pve2.vms()).extracting(StatusReport.Vm::status).as("not this node: unknown").containsExactly((String) null);
            assertThat(m.problems()).anyMatch(p -> p.contains("on pve2 VMs use 2 of its 1 VFs"));
        }
    }
}
