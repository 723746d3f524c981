package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ProxmoxChecksTest {

    @TempDir
    Path dir;

    /** A map property string as PVE stores it (pve-guest-common PVE/Mapping/PCI.pm). */
    private static ProxmoxFacts.MapEntry entry(String s) {
        String node = null, path = null, id = null, sub = null;
        Integer group = null;
        for (String kv : s.split(",")) {
            String[] p = kv.split("=", 2);
            switch (p[0]) {
                case "node" -> node = p[1];
                case "path" -> path = p[1];
                case "id" -> id = p[1];
                case "subsystem-id" -> sub = p[1];
                case "iommugroup" -> group = Integer.valueOf(p[1]);
                default -> {
                }
            }
        }
        return new ProxmoxFacts.MapEntry(node, path, id, sub, group);
    }

    /** The map strings of one mapping in the qemu-server test fixture (the Perl structure holding real map strings). */
    private static List<ProxmoxFacts.MapEntry> fixtureMap(String mappingId) {
        String text = Fixtures.body("proxmox/pci-mapping-config-perl-structure-qemu-server-test.txt");
        String block = text.substring(text.indexOf(mappingId + " =>"));
        block = block.substring(0, block.indexOf("],"));
        List<ProxmoxFacts.MapEntry> out = new ArrayList<>();
        Matcher m = Pattern.compile("'(node=[^']*)'").matcher(block);
        while (m.find()) out.add(entry(m.group(1)));
        return out;
    }

    /** hostpci values of the qemu-server test VM config fixture. */
    private static List<String> fixtureHostpci(String fixture) {
        return Fixtures.body(fixture).lines().filter(l -> l.startsWith("hostpci")).map(l -> l.substring(l.indexOf(':') + 1).strip()).toList();
    }

    private static final List<ProxmoxFacts.MapEntry> GOOD = List.of(
            entry("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=40"),
            entry("node=pve1,path=0000:81:00.3,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=41"),
            entry("node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=60"));

    @Test
    void bothSkipWithoutProxmoxData() {
        assertThat(Checks.one(Hosts.lab(dir), "pve-mapping-matches").status()).isEqualTo(CheckStatus.SKIP);
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("no Proxmox data was given to doctor");
    }

    @Test
    void pveMappingMatchesPassesForThisNodesEntries() {
        ProxmoxFacts pve = new ProxmoxFacts("PVE API (test)", "pve1", List.of(new ProxmoxFacts.Mapping("network", GOOD)), List.of());
        CheckResult r = Checks.one(Hosts.lab(dir), "pve-mapping-matches", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("2 entries for pve1 match the hardware");
    }

    @Test
    void pveMappingMatchesFailsLikePveDoesOnWrongGroupAndMissingSubsystem() {
        ProxmoxFacts pve = new ProxmoxFacts("PVE API (test)", "pve1", List.of(new ProxmoxFacts.Mapping("network", List.of(
                entry("node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=45"),
                entry("node=pve1,path=0000:81:00.3,id=15b3:101e,iommugroup=41")))), List.of());
        CheckResult r = Checks.one(Hosts.lab(dir), "pve-mapping-matches", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("'iommugroup' does not match for 0000:81:00.2 (40 != 45)")
                .contains("missing expected property 'subsystem-id' for 0000:81:00.3 (15b3:0020)")
                .contains("hardware probably changed");
    }

    @Test
    void pveMappingMatchesFailsForTheFixturesIntelVfsOnThisHost() {
        // qemu-server's test mapping someNic (Intel VFs 8086:1520 at 0000:07:10.x) does not exist on this ConnectX host
        List<ProxmoxFacts.MapEntry> nic = fixtureMap("someNic");
        assertThat(nic).hasSize(3);
        ProxmoxFacts pve = new ProxmoxFacts("qemu-server test fixture", "localhost", List.of(new ProxmoxFacts.Mapping("someNic", nic)), List.of());
        CheckResult r = Checks.one(Hosts.lab(dir), "pve-mapping-matches", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("pci device '0000:07:10.0' not found");
    }

    @Test
    void vfSingleAssignmentPassesForTheFixtureVmUsingOneMappingTwice() {
        // hostpci0 and hostpci2 both take a device from mapping someNic, which has three
        List<ProxmoxFacts.Mapping> maps = List.of(new ProxmoxFacts.Mapping("someNic", fixtureMap("someNic")), new ProxmoxFacts.Mapping("someGpu", fixtureMap("someGpu")));
        ProxmoxFacts pve = new ProxmoxFacts("qemu-server test fixtures", "localhost", maps,
                List.of(new ProxmoxFacts.Guest(100, null, false, fixtureHostpci("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt"))));
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-single-assignment", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("3 hostpci entries checked");
    }

    @Test
    void vfSingleAssignmentFailsForOneVfGivenToTwoVms() {
        ProxmoxFacts pve = new ProxmoxFacts("PVE API (test)", "pve1", List.of(), List.of(
                new ProxmoxFacts.Guest(101, "web1", true, List.of("0000:81:00.2,pcie=1")),
                new ProxmoxFacts.Guest(102, "web2", false, List.of("81:00.2"))));
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-single-assignment", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.subject()).isEqualTo("0000:81:00.2");
        assertThat(r.evidence()).contains("VM 101 (web1) hostpci0, running and VM 102 (web2) hostpci0, stopped");
    }

    @Test
    void vfSingleAssignmentWarnsWhenAMappingHasFewerDevicesThanUsers() {
        ProxmoxFacts pve = new ProxmoxFacts("PVE API (test)", "pve1", List.of(new ProxmoxFacts.Mapping("network", GOOD)), List.of(
                new ProxmoxFacts.Guest(101, "a", true, List.of("mapping=network")),
                new ProxmoxFacts.Guest(102, "b", true, List.of("mapping=network")),
                new ProxmoxFacts.Guest(103, "c", false, List.of("mapping=network,pcie=1"))));
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-single-assignment", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("3 hostpci entries use it").contains("it has 2 device(s) on this node");
    }

    @Test
    void vfSingleAssignmentFailsWhenTheHostUsesAMappedVf() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(2, null, "mlx5_core"))
                .file("/etc/network/interfaces", "auto enp129s0f0v0\niface enp129s0f0v0 inet dhcp\n");
        ProxmoxFacts pve = new ProxmoxFacts("PVE API (test)", "pve1", List.of(new ProxmoxFacts.Mapping("network", GOOD)),
                List.of(new ProxmoxFacts.Guest(101, "a", false, List.of("mapping=network"))));
        CheckResult r = Checks.one(h, "vf-single-assignment", c -> c.withProxmox(pve));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("host uses its netdev enp129s0f0v0: configured at /etc/network/interfaces:2");
    }
}
