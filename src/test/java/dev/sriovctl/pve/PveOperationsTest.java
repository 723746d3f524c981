package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * map, attach and status end to end: the guide-shaped host's VFs discovered from a snapshot, the
 * PVE API over HTTPS ({@link FakePve}) with a token holding exactly the documented privileges.
 */
class PveOperationsTest {

    static final String SECRET = "6a1f0c9e-3b2d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String TOKEN = "sriovctl@pve!ops";
    static final String OTHER = "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60";

    @TempDir
    Path dir;
    FakePve pve;
    PveClient api;

    @BeforeEach
    void start() {
        pve = FakePve.start(TestCertificate.named("pve1.invalid")).token(TOKEN, SECRET);
        pve.cluster.node("pve1").node("pve2");
        // docs/proxmox.md: PVEMappingAdmin on /mapping/pci, PVEVMAdmin on /vms, PVEAuditor on / (to count every VM)
        pve.cluster.grant(TOKEN, "/mapping/pci", FakeCluster.MAPPING_ADMIN);
        pve.cluster.grant(TOKEN, "/vms", FakeCluster.VM_ADMIN);
        pve.cluster.grant(TOKEN, "/", FakeCluster.AUDITOR);
        api = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse(TOKEN), Secret.of(SECRET)), pve.certificate.fingerprint())
                .withRetries(0, Duration.ZERO));
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    private final Map<List<String>, Inventory> hosts = new java.util.HashMap<>();

    Inventory host(String... drivers) {
        return hosts.computeIfAbsent(List.of(drivers), d -> {
            Path p = GuideHostSnapshot.write(dir.resolve("host-" + hosts.size()), "pve1", drivers);
            try (SnapshotHost h = SnapshotHost.open(p)) {
                return InventoryBuilder.build(h);
            }
        });
    }

    static MapRequest map(boolean dryRun) {
        return new MapRequest("network", null, VfSelector.all(), null, dryRun);
    }

    static String entry(int i) {
        return "node=pve1,path=" + GuideHostSnapshot.VFS[i] + ",id=15b3:101e,subsystem-id=" + GuideHostSnapshot.vfSubsystemId()
                + ",iommugroup=" + GuideHostSnapshot.VF_GROUPS[i];
    }

    // ---- map -----------------------------------------------------------------------------------

    @Test
    void createsTheMappingFromDiscoveryThenReRunningIsANoOp() {
        MapResult r = MappingSync.run(api, host(), map(false));
        assertThat(r.action()).isEqualTo("created");
        assertThat(r.node()).isEqualTo("pve1");
        assertThat(pve.cluster.mappings.get("network").map).containsExactly(entry(0), entry(1), entry(2), entry(3));
        assertThat(pve.cluster.mappings.get("network").description).isEqualTo(MappingSync.DEFAULT_DESCRIPTION);

        long writes = pve.writes();
        MapResult again = MappingSync.run(api, host(), map(false));
        assertThat(again.action()).isEqualTo("unchanged");
        assertThat(pve.writes()).isEqualTo(writes);
    }

    @Test
    void updatesOnlyThisNodesEntriesSendingTheDigest() {
        pve.cluster.mapping("network", "ops", OTHER, "node=pve1,path=0000:81:00.7,id=15b3:101e,iommugroup=50");
        MapResult r = MappingSync.run(api, host(), new MapRequest("network", null, new VfSelector(List.of(), List.of("ovs-sw1pf0vf[01]")), null, false));
        assertThat(r.action()).isEqualTo("updated");
        assertThat(pve.cluster.mappings.get("network").map).containsExactly(OTHER, entry(0), entry(1));
        assertThat(pve.cluster.mappings.get("network").description).isEqualTo("ops");
        FakePve.Seen put = pve.seen.stream().filter(s -> s.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.params().get("digest")).singleElement().asString().hasSize(40);
        assertThat(r.removed()).containsExactly("node=pve1,path=0000:81:00.7,id=15b3:101e,iommugroup=50");
        assertThat(r.othersKept()).isEqualTo(1);
    }

    @Test
    void aConcurrentChangeIsRefusedNotLost() {
        pve.cluster.mapping("network", null, OTHER);
        String racer = "node=pve2,path=0000:41:00.3,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=61";
        pve.cluster.beforeWrite = c -> c.mappings.get("network").map.add(racer); // pve2's admin writes between our GET and PUT
        PveApiException e = catchThrowableOfType(() -> MappingSync.run(api, host(), map(false)), PveApiException.class);
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.CONFLICT);
        assertThat(e.getMessage()).contains("changed meanwhile").contains("re-run");
        assertThat(pve.cluster.mappings.get("network").map).containsExactly(OTHER, racer);
        MappingSync.run(api, host(), map(false)); // the re-run merges with the new state
        assertThat(pve.cluster.mappings.get("network").map).containsExactly(OTHER, racer, entry(0), entry(1), entry(2), entry(3));
    }

    @Test
    void aMappingCreatedMeanwhileIsAConflictToo() {
        pve.cluster.beforeWrite = c -> c.mapping("network", null, OTHER);
        PveApiException e = catchThrowableOfType(() -> MappingSync.run(api, host(), map(false)), PveApiException.class);
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.CONFLICT);
        assertThat(e.getMessage()).contains("pci ID 'network' already defined");
    }

    @Test
    void aDryRunShowsBeforeAndAfterAndWritesNothing() {
        pve.cluster.mapping("network", null, OTHER);
        MapResult r = MappingSync.run(api, host(), map(true));
        assertThat(r.action()).isEqualTo("would update");
        assertThat(r.before()).containsExactly(OTHER);
        assertThat(r.after()).containsExactly(OTHER, entry(0), entry(1), entry(2), entry(3));
        assertThat(pve.writes()).isZero();
    }

    @Test
    void aTokenWithoutMappingModifyOnTheParentCannotCreate() {
        pve.cluster.grant("user@pve!use", "/mapping/pci/network", FakeCluster.MAPPING_ADMIN); // on the id only: not enough to create
        pve.cluster.grant("user@pve!use", "/", FakeCluster.AUDITOR);
        pve.token("user@pve!use", SECRET);
        PveClient c = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("user@pve!use"), Secret.of(SECRET)), pve.certificate.fingerprint()));
        PveApiException e = catchThrowableOfType(() -> MappingSync.run(c, host(), map(false)), PveApiException.class);
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.FORBIDDEN);
        assertThat(e.getMessage()).contains("(/mapping/pci, Mapping.Modify)").contains("the parent path");
    }

    @Test
    void refusesAHostThatIsNoNodeOfTheClusterUnlessNodeIsGiven() {
        Path p = GuideHostSnapshot.write(dir.resolve("other"), "lab7.example.com");
        Inventory inv;
        try (SnapshotHost h = SnapshotHost.open(p)) {
            inv = InventoryBuilder.build(h);
        }
        assertThatThrownBy(() -> MappingSync.run(api, inv, map(false))).isInstanceOf(InputException.class)
                .hasMessageContaining("this host is 'lab7', which is not a node").hasMessageContaining("--node");
        assertThatThrownBy(() -> MappingSync.run(api, inv, new MapRequest("network", null, null, "pve9", false)))
                .hasMessageContaining("nodes: pve1, pve2");
        assertThat(MappingSync.run(api, inv, new MapRequest("network", null, null, "pve2", false)).node()).isEqualTo("pve2");
    }

    @Test
    void warnsAboutVfsBoundToTheHost() {
        MapResult r = MappingSync.run(api, host("vfio-pci", "mlx5_core", "vfio-pci", "vfio-pci"), map(true));
        assertThat(r.warnings()).singleElement().asString().contains("0000:81:00.3").contains("mlx5_core");
    }

    // ---- attach --------------------------------------------------------------------------------

    AttachPlanner.LocalVfs local() {
        return new AttachPlanner.LocalVfs("pve1", host());
    }

    @Test
    void attachesToAStoppedVmAndReRunningIsANoOp() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(100, "pve1", "web", false, "machine: q35", "cores: 2");
        AttachResult r = VmAttach.run(api, new AttachRequest(100, "network", 2, true, false), local());
        assertThat(r.action()).isEqualTo("attached");
        assertThat(r.pending()).isFalse();
        assertThat(pve.cluster.vms.get(100).conf).containsEntry("hostpci0", "mapping=network,pcie=1").containsEntry("hostpci1", "mapping=network,pcie=1");
        FakePve.Seen put = pve.seen.stream().filter(s -> s.method().equals("PUT")).reduce((a, b) -> b).orElseThrow();
        assertThat(put.path()).isEqualTo("/nodes/pve1/qemu/100/config");
        assertThat(put.params()).containsKey("digest");

        long writes = pve.writes();
        assertThat(VmAttach.run(api, new AttachRequest(100, "network", 2, true, false), local()).action()).isEqualTo("unchanged");
        assertThat(pve.writes()).isEqualTo(writes);
    }

    @Test
    void aRunningVmGetsThePendingChange() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(101, "pve1", "db", true);
        AttachResult r = VmAttach.run(api, new AttachRequest(101, "network", 1, false, false), local());
        assertThat(r.pending()).isTrue();
        assertThat(pve.cluster.vms.get(101).conf).doesNotContainKey("hostpci0");
        assertThat(pve.cluster.vms.get(101).pending).containsEntry("hostpci0", "mapping=network");
        assertThat(r.notes()).anyMatch(n -> n.contains("pending") && n.contains("reboot inside the guest does not"));
        // the pending slot counts as taken: a re-run changes nothing
        assertThat(VmAttach.run(api, new AttachRequest(101, "network", 1, false, false), local()).action()).isEqualTo("unchanged");
    }

    @Test
    void countsEveryVmOfTheNodeBeforeGivingVfs() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(101, "pve1", "a", true, "hostpci0: mapping=network", "hostpci1: mapping=network");
        pve.cluster.vm(102, "pve1", "b", false, "hostpci3: mapping=network");
        pve.cluster.vm(100, "pve1", "web", false);
        assertThatThrownBy(() -> VmAttach.run(api, new AttachRequest(100, "network", 2, false, false), local()))
                .isInstanceOf(InputException.class).hasMessageContaining("has 4 VFs, 3 already taken").hasMessageContaining("needs 2 more");
        assertThat(pve.writes()).isEqualTo(1); // only the map's create
        assertThat(VmAttach.run(api, new AttachRequest(100, "network", 1, false, false), local()).set()).containsOnlyKeys("hostpci0");
    }

    @Test
    void attachRefusesAMissingVmOrMapping() {
        assertThatThrownBy(() -> VmAttach.run(api, new AttachRequest(100, "network", 1, false, false), local()))
                .hasMessageContaining("no such QEMU VM").hasMessageContaining("VM.Audit on /vms/100");
        pve.cluster.vm(100, "pve1", "web", false);
        assertThatThrownBy(() -> VmAttach.run(api, new AttachRequest(100, "network", 1, false, false), local()))
                .hasMessageContaining("no such PCI mapping").hasMessageContaining("sriovctl pve map --mapping network");
    }

    @Test
    void attachNeedsMappingUseAndHwType() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(100, "pve1", "web", false);
        pve.cluster.grant("vmonly@pve!tk", "/vms", FakeCluster.VM_ADMIN);
        pve.cluster.grant("vmonly@pve!tk", "/mapping/pci", Set.of("Mapping.Audit"));
        pve.token("vmonly@pve!tk", SECRET);
        PveClient c = PveClient.connect(PveConnection.of(pve.base(), new ApiToken(TokenId.parse("vmonly@pve!tk"), Secret.of(SECRET)), pve.certificate.fingerprint()));
        PveApiException e = catchThrowableOfType(() -> VmAttach.run(c, new AttachRequest(100, "network", 1, false, false), local()), PveApiException.class);
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.FORBIDDEN);
        assertThat(e.getMessage()).contains("(/mapping/pci/network, Mapping.Use)").contains("VM.Config.HWType on /vms/100");
    }

    @Test
    void aVmConfigChangedMeanwhileIsRefused() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(100, "pve1", "web", false);
        pve.cluster.beforeWrite = c -> c.vms.get(100).conf.put("hostpci0", "mapping=network");
        PveApiException e = catchThrowableOfType(() -> VmAttach.run(api, new AttachRequest(100, "network", 1, false, false), local()), PveApiException.class);
        assertThat(e.kind()).isEqualTo(PveApiException.Kind.CONFLICT);
        assertThat(pve.cluster.vms.get(100).conf).containsEntry("hostpci0", "mapping=network").doesNotContainKey("hostpci1");
    }

    @Test
    void anOfflineOtherNodeDoesNotBlockAttachAndStatusNamesIt() {
        MappingSync.run(api, host(), map(false));
        pve.cluster.vm(100, "pve1", "web", false);
        pve.cluster.vm(200, "pve2", "db", true, "hostpci0: mapping=network");
        pve.cluster.offline.add("pve2");
        assertThat(VmAttach.run(api, new AttachRequest(100, "network", 1, false, false), local()).action()).isEqualTo("attached");
        StatusReport s = MappingStatusReport.run(api, "network", null);
        assertThat(s.mappings().get(0).problems()).singleElement().asString()
                .contains("VM 200 on pve2: configuration not readable").contains("595").contains("not counted");
    }

    // ---- status --------------------------------------------------------------------------------

    @Test
    void statusShowsVfsVmsAndFreeCountsPerNode() {
        pve.cluster.mapping("network", "VFs", OTHER, entry(0), entry(1), entry(2));
        pve.cluster.vm(100, "pve1", "web", true, "hostpci0: mapping=network", "hostpci1: mapping=network");
        pve.cluster.vm(200, "pve2", "db", false, "hostpci0: mapping=network", "hostpci1: mapping=network");
        StatusReport s = MappingStatusReport.run(api, null, new MappingStatusReport.LocalView("pve1", host(), Map.of("0000:81:00.2", 100)));
        StatusReport.Mapping m = s.mappings().get(0);
        assertThat(m.nodes()).extracting(StatusReport.Node::node).containsExactly("pve1", "pve2");
        StatusReport.Node n1 = m.nodes().get(0);
        assertThat(n1.vfs()).isEqualTo(3);
        assertThat(n1.used()).isEqualTo(2);
        assertThat(n1.free()).isEqualTo(1);
        assertThat(n1.vms()).singleElement().satisfies(v -> assertThat(v.slots()).isEqualTo(2));
        assertThat(n1.entries().get(0)).isEqualTo(new StatusReport.VfEntry("0000:81:00.2", "15b3:101e", "15b3:0083", "45", "vfio-pci", 100));
        StatusReport.Node n2 = m.nodes().get(1);
        assertThat(n2.free()).isEqualTo(-1);
        assertThat(n2.entries().get(0).driver()).isNull();
        assertThat(m.problems()).singleElement().asString().contains("on pve2 VMs use 2 of its 1 VFs");
    }

    // ---- pvesh ---------------------------------------------------------------------------------

    @Test
    void theSameOperationsWorkThroughPveshAsRootWithoutAToken() {
        Path p = GuideHostSnapshot.write(dir.resolve("node"), "pve1");
        try (SnapshotHost files = SnapshotHost.open(p)) {
            PveshHost node = new PveshHost(files, pve.cluster);
            assertThat(PveshClient.available(node)).isTrue();
            assertThat(PveshClient.available(files)).isFalse();
            PveshClient local = new PveshClient(node, Duration.ofSeconds(30));
            Inventory inv = InventoryBuilder.build(node);
            pve.cluster.mapping("network", null, OTHER);
            assertThat(MappingSync.run(local, inv, map(false)).action()).isEqualTo("updated");
            assertThat(MappingSync.run(local, inv, map(false)).action()).isEqualTo("unchanged");
            pve.cluster.vm(100, "pve1", "web", false);
            assertThat(VmAttach.run(local, new AttachRequest(100, "network", 1, false, false), new AttachPlanner.LocalVfs("pve1", inv)).set())
                    .containsExactly(Map.entry("hostpci0", "mapping=network"));
            assertThat(pve.cluster.mappings.get("network").map).containsExactly(OTHER, entry(0), entry(1), entry(2), entry(3));
            assertThat(node.runs).allSatisfy(r -> {
                assertThat(r.argv()).startsWith("pvesh").endsWith("--output-format", "json");
                assertThat(String.join(" ", r.argv())).doesNotContain(SECRET).doesNotContain("PVEAPIToken");
            });
            assertThat(node.runs).anySatisfy(r -> assertThat(r.argv()).containsSequence("set", "/cluster/mapping/pci/network"));
        }
    }

    @Test
    void pveshFailuresAreReadFromStderr() {
        Path p = GuideHostSnapshot.write(dir.resolve("node"), "pve1");
        try (SnapshotHost files = SnapshotHost.open(p)) {
            PveshHost node = new PveshHost(files, pve.cluster);
            PveshClient local = new PveshClient(node, Duration.ofSeconds(30));
            PveApiException bad = catchThrowableOfType(() -> local.post("/cluster/mapping/pci", Form.of().with("id", "n").with("map", "x=1")), PveApiException.class);
            assertThat(bad.kind()).isEqualTo(PveApiException.Kind.BAD_REQUEST);
            assertThat(bad.errors()).containsOnlyKeys("id", "map");
            pve.cluster.mapping("network", null, OTHER);
            PveApiException conflict = catchThrowableOfType(() -> local.put("/cluster/mapping/pci/network",
                    Form.of().with("map", OTHER).with("digest", "0".repeat(40))), PveApiException.class);
            assertThat(conflict.kind()).isEqualTo(PveApiException.Kind.CONFLICT);
            PveApiException missing = catchThrowableOfType(() -> local.get("/cluster/mapping/pci/none"), PveApiException.class);
            assertThat(missing.kind()).isEqualTo(PveApiException.Kind.SERVER_ERROR);
            assertThat(missing.getMessage()).contains("mapping 'none' not found");
            PveApiException absent = catchThrowableOfType(() -> new PveshClient(files, Duration.ofSeconds(5)).get("/nodes"), PveApiException.class);
            assertThat(absent.kind()).isEqualTo(PveApiException.Kind.COMMAND);
            assertThat(absent.getMessage()).contains("pvesh is not available").contains("--token-file");
        }
    }
}
