package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.host.SnapshotWriter;
import dev.sriovctl.pve.PveFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * capture records every node's VM configurations from pmxcfs, redacted, and each node's qemu-server directory:
 * recorded here from a Proxmox node's files laid out as a snapshot (this machine is no Proxmox node).
 */
class CaptureVmConfigsTest {

    @TempDir
    Path dir;

    @Test
    void recordsEveryNodesVmConfigsRedactedAndEmptyNodeDirectories() throws Exception {
        String conf = Fixtures.body("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt") + "cipassword: $5$salt$hash\n";
        SnapshotWriter node = new SnapshotWriter(dir.resolve("node"));
        node.file(CommandCatalog.pveVmConfigDir("pve1") + "/100.conf", conf);
        node.file(CommandCatalog.pveVmConfigDir("pve1") + "/notes.txt", "not a VM\n");
        node.directory(CommandCatalog.pveVmConfigDir("pve2"));
        node.file("/etc/pve/nodes/pve2/lxc/300.conf", "hostname: ct\n");
        node.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve2", "2026-11-25T16:00:00Z", "6.8.12-4-pve"));

        Path snap = dir.resolve("snap");
        SnapshotWriter out = new SnapshotWriter(snap);
        try (SnapshotHost source = SnapshotHost.open(dir.resolve("node"))) {
            assertThat(Capture.recordVmConfigs(source, out)).isEqualTo(1);
        }
        out.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve2", "2026-11-25T16:00:00Z", "6.8.12-4-pve"));

        String recorded = Files.readString(snap.resolve("fs/etc/pve/nodes/pve1/qemu-server/100.conf"));
        assertThat(recorded).contains("hostpci0: mapping=someNic").contains("cipassword: <redacted>").doesNotContain("$5$salt$hash");
        assertThat(snap.resolve("fs/etc/pve/nodes/pve1/qemu-server/notes.txt")).doesNotExist();
        assertThat(snap.resolve("fs/etc/pve/nodes/pve2/lxc")).doesNotExist();
        try (SnapshotHost h = SnapshotHost.open(snap)) {
            // a node without VMs is still recognised as a Proxmox VE node
            assertThat(PveFacts.fromHost(h, null).orElseThrow().vms()).isEmpty();
            assertThat(PveFacts.fromHost(h, "pve1").orElseThrow().vms()).singleElement()
                    .satisfies(v -> assertThat(v.config().hostpci()).hasSize(3));
        }
    }
}
