package dev.sriovctl.pve;

import dev.sriovctl.Fixtures;
import dev.sriovctl.InputException;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.host.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proxmox facts read from pmxcfs through the Host seam (doctor without a token), and from the API. The
 * reservations file is written as qemu-server writes it (PCI.pm $write_pci_reservation_unlocked: "<pci> <vmid>
 * pid:<pid>" or "time:<expiry>"); no real one is in the corpus. /proc/<pid>/stat follows proc(5).
 */
class PveFactsTest {

    @TempDir
    Path dir;

    static final String PCI_CFG = "network\n\tmap node=pve1,path=0000:81:00.2,id=15b3:101e,iommugroup=45\n"
            + "\tmap node=pve2,path=0000:41:00.2,id=15b3:101e,iommugroup=60\n\tdescription VFs\n";

    SnapshotHost host(String hostname, Consumer<SnapshotWriter> files) {
        Path p = dir.resolve("h" + System.nanoTime());
        SnapshotWriter w = new SnapshotWriter(p);
        w.file("/proc/sys/kernel/hostname", hostname + "\n");
        files.accept(w);
        w.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname, "2026-11-25T16:00:00Z", "6.8.12-4-pve"));
        return SnapshotHost.open(p);
    }

    static void node(SnapshotWriter w) {
        w.file("/etc/pve/mapping/pci.cfg", PCI_CFG);
        w.file(CommandCatalog.pveVmConfigDir("pve1") + "/100.conf", Fixtures.body("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt"));
        w.file(CommandCatalog.pveVmConfigDir("pve1") + "/101.conf", "name: db1\nhostpci0: 0000:81:00.2\n");
        w.file(CommandCatalog.pveVmConfigDir("pve1") + "/102.conf", "name: starting\nhostpci0: mapping=network\n");
        w.file(CommandCatalog.pveVmConfigDir("pve1") + "/103.conf", "name: nopci\n");
        w.file(CommandCatalog.pveVmConfigDir("pve1") + "/104.conf", "name: left-over\nhostpci0: 0000:81:00.4\n");
        w.file(CommandCatalog.pveVmConfigDir("pve2") + "/200.conf", "name: elsewhere\nhostpci0: mapping=network\n");
        w.file(PciReservations.PATH, "0000:81:00.2 101 pid:4242\n0000:81:00.3 102 time:" + (System.currentTimeMillis() / 1000 + 3600)
                + "\n0000:81:00.4 104 pid:999\n");
    }

    @Test
    void aHostWithoutEtcPveIsNotAProxmoxNode() {
        try (SnapshotHost h = host("pve1", w -> { })) {
            assertThat(PveFacts.fromHost(h, null)).isEmpty();
        }
    }

    @Test
    void readsTheMappingsThisNodesVmsAndTheirStateFromASnapshot() {
        try (SnapshotHost h = host("pve1.example.com", PveFactsTest::node)) {
            PveFacts f = PveFacts.fromHost(h, null).orElseThrow();
            assertThat(f.node()).isEqualTo("pve1");
            assertThat(f.mappings()).extracting(PciMapping::id).containsExactly("network");
            assertThat(f.vms()).extracting(v -> v.vm().vmid()).containsExactly(100, 101, 102, 103, 104);
            assertThat(f.vms()).extracting(v -> v.vm().status()).containsExactly("stopped", "running", "starting", null, "running");
            assertThat(f.vm(101).orElseThrow().label()).isEqualTo("VM 101 (db1)");
            // on a snapshot the QEMU processes cannot be looked at: every pid: line holds, and the evidence says so
            assertThat(f.heldBy()).containsOnlyKeys("0000:81:00.2", "0000:81:00.3", "0000:81:00.4");
            assertThat(f.state().known()).isTrue();
            assertThat(f.state().how()).contains("cannot be checked on snapshot").contains("taken as running");
            assertThat(f.source()).endsWith("/fs/etc/pve (mapping/pci.cfg, nodes/pve1/qemu-server/*.conf)");
        }
    }

    /**
     * The topology's VM owners: the VM holding a VF now, else a VM naming it by address; a stopped VM's mapping slot
     * names no VF (it takes a free one at start), and a template never starts.
     */
    @Test
    void ownersAreTheHoldingVmElseAVmNamingTheVfByAddress() {
        try (SnapshotHost h = host("pve1", w -> {
            node(w);
            w.file(CommandCatalog.pveVmConfigDir("pve1") + "/105.conf", "name: spare\nhostpci1: 0000:81:00.5,pcie=1\n");
            w.file(CommandCatalog.pveVmConfigDir("pve1") + "/106.conf", "name: golden\ntemplate: 1\nhostpci0: 0000:81:00.6\n");
        })) {
            PveFacts f = PveFacts.fromHost(h, null).orElseThrow();
            assertThat(f.owners(List.of("0000:81:00.2", "0000:81:00.3", "0000:81:00.5", "0000:81:00.6", "0000:81:00.7"))).containsExactly(
                    java.util.Map.entry("0000:81:00.2", "VM 101 (db1), running"),
                    java.util.Map.entry("0000:81:00.3", "VM 102 (starting), starting"),
                    java.util.Map.entry("0000:81:00.5", "VM 105 (spare), stopped"));
            assertThat(f.holding()).containsEntry("0000:81:00.4", "VM 104 (left-over), running").doesNotContainKey("0000:81:00.5");
        }
    }

    @Test
    void onALiveHostOnlyReservationsOfRunningQemuProcessesHold() {
        try (SnapshotHost files = host("pve1", w -> {
            node(w);
            w.file("/run/qemu-server/101.pid", "4242\n");
            w.file("/proc/4242/stat", "4242 (kvm) S 1 4242 4242 0 -1 4194560 0 0 0 0\n");
            w.file("/run/qemu-server/104.pid", "999\n"); // VM 104 stopped; its process is gone
        })) {
            PveFacts f = PveFacts.fromHost(new LiveHost(files), null).orElseThrow();
            assertThat(f.heldBy()).containsOnlyKeys("0000:81:00.2", "0000:81:00.3");
            assertThat(f.vm(104).orElseThrow().vm().status()).isEqualTo("stopped");
            assertThat(f.state().how()).contains("whose QEMU process runs");
        }
    }

    @Test
    void aZombieOrAnotherVmsPidDoesNotHold() {
        try (SnapshotHost files = host("pve1", w -> {
            node(w);
            w.file("/run/qemu-server/101.pid", "4243\n"); // the VM restarted: its reservation names an old pid
            w.file("/proc/999/stat", "999 (kvm) Z 1 999 999 0 -1 0 0 0 0 0\n");
            w.file("/run/qemu-server/104.pid", "999\n");
        })) {
            assertThat(PveFacts.fromHost(new LiveHost(files), null).orElseThrow().heldBy()).containsOnlyKeys("0000:81:00.3");
        }
    }

    @Test
    void anExpiredStartReservationDoesNotHoldOnALiveHost() {
        try (SnapshotHost files = host("pve1", w -> {
            node(w);
            w.file(PciReservations.PATH, "0000:81:00.3 102 time:" + (System.currentTimeMillis() / 1000 - 60) + "\n");
        })) {
            PveFacts f = PveFacts.fromHost(new LiveHost(files), null).orElseThrow();
            assertThat(f.heldBy()).isEmpty();
            assertThat(f.vm(102).orElseThrow().vm().status()).isEqualTo("stopped");
        }
    }

    @Test
    void withoutTheReservationsFileTheRunningStateIsUnknown() {
        try (SnapshotHost h = host("pve1", w -> w.file(CommandCatalog.pveVmConfigDir("pve1") + "/101.conf", "hostpci0: 0000:81:00.2\n"))) {
            PveFacts f = PveFacts.fromHost(h, null).orElseThrow();
            assertThat(f.mappings()).isEmpty();
            assertThat(f.vms()).singleElement().satisfies(v -> assertThat(v.vm().status()).isNull());
            assertThat(f.state().known()).isFalse();
            assertThat(f.state().how()).contains("/run/qemu-server/pci-id-reservations is not on snapshot");
        }
    }

    @Test
    void anUnknownNodeIsRefusedNamingTheNodes() {
        try (SnapshotHost h = host("pve9", PveFactsTest::node)) {
            assertThatThrownBy(() -> PveFacts.fromHost(h, null)).isInstanceOf(InputException.class)
                    .hasMessageContaining("'pve9' is not a node of this cluster (nodes: pve1, pve2)");
            assertThat(PveFacts.fromHost(h, "pve2").orElseThrow().vms()).extracting(v -> v.vm().vmid()).containsExactly(200);
        }
    }

    @Test
    void theApiGivesThisNodesVmsWithTheirStatusAndTheHostItsReservations() {
        FakePve pve = FakePve.start(TestCertificate.named("pve1.invalid")).token("sriovctl@pve!ops", "s3cr3t-0000");
        try (pve; SnapshotHost h = host("pve1", w -> w.file(PciReservations.PATH, "0000:81:00.2 101 pid:4242\n"))) {
            pve.cluster.node("pve1").node("pve2");
            pve.cluster.grant("sriovctl@pve!ops", "/", FakeCluster.AUDITOR);
            pve.cluster.mapping("network", null, "node=pve1,path=0000:81:00.2,id=15b3:101e");
            pve.cluster.vm(101, "pve1", "db1", true, "hostpci0: mapping=network");
            pve.cluster.vm(200, "pve2", "other", true, "hostpci0: mapping=network");
            PveClient api = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("sriovctl@pve!ops"), Secret.of("s3cr3t-0000")),
                    pve.certificate.fingerprint()).withRetries(0, Duration.ZERO));
            PveFacts f = PveFacts.fromApi(api, null, h);
            assertThat(f.node()).isEqualTo("pve1");
            assertThat(f.vms()).singleElement().satisfies(v -> {
                assertThat(v.vm().vmid()).isEqualTo(101);
                assertThat(v.vm().running()).isTrue();
                assertThat(v.slotsOf("network")).hasSize(1);
            });
            assertThat(f.heldBy()).containsEntry("0000:81:00.2", 101);
            assertThat(f.source()).startsWith("the PVE API at https://");
            assertThat(f.state().known()).isTrue();
            assertThat(f.mappings()).extracting(PciMapping::id).isEqualTo(List.of("network"));
        }
    }
}
