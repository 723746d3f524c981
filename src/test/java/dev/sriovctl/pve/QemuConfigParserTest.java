package dev.sriovctl.pve;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VM configuration files of pmxcfs. The real qemu-server test configs are read in place; the corpus has no
 * config with a [PENDING] or snapshot section, so those cases are written in the format qemu-server's
 * parse_vm_config reads and write_vm_config writes (src/PVE/QemuServer.pm: "[PENDING]" after the main
 * section, "delete: a,b" in it, "[special:cloudinit]", snapshots as "[name]").
 */
class QemuConfigParserTest {

    @Test
    void readsTheRealConfigWithMappedHostpci() {
        String text = Fixtures.body("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt");
        VmConfig c = QemuConfigParser.parse(100, "localhost", text);
        assertThat(c.hostpci()).extracting(HostPci::index, HostPci::mapping).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "someNic"), org.assertj.core.groups.Tuple.tuple(1, "someGpu"),
                org.assertj.core.groups.Tuple.tuple(2, "someNic"));
        assertThat(c.hostpci().get(1).options()).containsEntry("mdev", "some-model");
        assertThat(c.isQ35()).isTrue();
        assertThat(c.template()).isFalse();
        assertThat(c.options()).containsEntry("memory", "512").doesNotContainKey("description");
        assertThat(c.digest()).isEqualTo(PciCfgParser.sha1(text)).hasSize(40);
    }

    @Test
    void readsTheRealConfigWithRawShortAddresses() {
        VmConfig c = QemuConfigParser.parse(100, "localhost", Fixtures.body("proxmox/qm-config-hostpci-raw-addresses-qemu-server-test.txt"));
        assertThat(c.hostpci()).extracting(HostPci::index).containsExactly(0, 1, 2, 3, 4, 7);
        HostPci h7 = c.hostpci().get(5);
        assertThat(h7.pcie()).isTrue();
        assertThat(h7.covers("0000:d0:15.2")).isTrue();
        assertThat(c.hostpci().get(4).options()).containsEntry("rombar", "0");
        assertThat(c.freeSlots()).contains(5, 6).doesNotContain(7);
    }

    @Test
    void pendingChangesApplyAndPendingDeletionsRemoveAsTheApiShowsThem() {
        String text = """
                #web server
                boot: order=scsi0
                hostpci0: 0000:81:00.2,pcie=1
                machine: q35
                name: web1
                net1: virtio=BC:24:11:00:00:01,bridge=vmbr1

                [PENDING]
                delete: hostpci0,!net1
                hostpci1: mapping=network,pcie=1
                memory: 4096

                [special:cloudinit]
                cipassword: $5$abc$def
                hostpci3: mapping=ignored

                [before-upgrade]
                hostpci5: mapping=old
                snaptime: 1767225600
                """;
        VmConfig c = QemuConfigParser.parse(101, "pve1", text);
        assertThat(c.hostpci()).singleElement().satisfies(h -> {
            assertThat(h.index()).isEqualTo(1);
            assertThat(h.mapping()).isEqualTo("network");
        });
        assertThat(c.options()).containsEntry("memory", "4096").containsEntry("name", "web1")
                .doesNotContainKeys("net1", "cipassword", "snaptime", "delete", "description");
    }

    @Test
    void deleteOutsidePendingAndUnreadableLinesAreSkippedAsQemuServerDoes() {
        VmConfig c = QemuConfigParser.parse(102, "pve1", "delete: hostpci0\nhostpci0: mapping=network\nthis is not an option\ntemplate: 1\n");
        assertThat(c.hostpci()).hasSize(1);
        assertThat(c.template()).isTrue();
        assertThat(c.options()).containsOnlyKeys("hostpci0", "template");
    }

    @Test
    void onlyVmidConfFilesAreVmConfigurations() {
        assertThat(List.of("100.conf", "999999999.conf", "99.conf", "100.conf.tmp", "abc.conf").stream().map(QemuConfigParser::vmidOf))
                .containsExactly(100, 999999999, -1, -1, -1);
    }
}
