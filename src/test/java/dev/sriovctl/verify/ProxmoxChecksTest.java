package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.pve.VmConfig;
import dev.sriovctl.pve.VmRef;
import dev.sriovctl.pve.VmUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pve-mapping-matches and vf-single-assignment on Proxmox data read from the host's /etc/pve (pmxcfs), as doctor
 * reads it without a token, and given from the API. The judging itself is pve.MappingChecks' (MappingChecksTest).
 * No real /etc/pve/mapping/pci.cfg is in the corpus: its layout is taken from pve-common SectionConfig.pm and
 * pve-guest-common Mapping/PCI.pm (the id alone on a line, tab-indented "map" lines, a blank line between
 * sections), as ../shared/notes/proxmox-api-and-vf-lag.md records it. VM configurations are the real qemu-server
 * fixtures where one fits, else written in the format of qemu-server's parse_vm_config.
 */
class ProxmoxChecksTest {

    @TempDir
    Path dir;

    /** pci.cfg with one mapping and these map strings. */
    static String pciCfg(String id, List<String> map) {
        StringBuilder sb = new StringBuilder(id).append('\n');
        for (String m : map) sb.append("\tmap ").append(m).append('\n');
        return sb.append('\n').toString();
    }

    /** The map strings of one mapping in the qemu-server test fixture (the Perl structure holding real map strings). */
    private static List<String> fixtureMap(String mappingId) {
        String text = Fixtures.body("proxmox/pci-mapping-config-perl-structure-qemu-server-test.txt");
        String block = text.substring(text.indexOf(mappingId + " =>"));
        block = block.substring(0, block.indexOf("],"));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'(node=[^']*)'").matcher(block);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static final List<String> GOOD = List.of(
            "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=40",
            "node=pve1,path=0000:81:00.3,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=41",
            "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=60");

    /** The lab host as a Proxmox VE node pve1 with mapping "network" (GOOD). */
    private SnapshotBuilder node() {
        return Hosts.lab(dir).pveNode("pve1").file("/etc/pve/mapping/pci.cfg", pciCfg("network", GOOD));
    }

    @Test
    void bothSkipOnAHostThatIsNotAProxmoxNode() {
        CheckResult m = Checks.one(Hosts.lab(dir), "pve-mapping-matches");
        assertThat(m.status()).isEqualTo(CheckStatus.SKIP);
        CheckResult r = Checks.one(Hosts.lab(dir.resolve("again")), "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).startsWith("not a Proxmox VE node: /etc/pve is not on snapshot");
    }

    @Test
    void bothSkipNamingTheNodesWhenThisHostIsNotOneOfThem() {
        CheckResult r = Checks.one(Hosts.lab(dir).pveNode("pve2"), "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("'pve1' is not a node of this cluster (nodes: pve2)").contains("--node");
    }

    @Test
    void pveMappingMatchesPassesForThisNodesEntries() {
        List<CheckResult> r = Checks.run(node(), "pve-mapping-matches");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.PASS, CheckStatus.PASS);
        assertThat(r.get(0).subject()).isEqualTo("mapping network: " + GOOD.get(0));
        assertThat(r.get(0).evidence()).contains("matches the hardware").contains("fs/etc/pve (mapping/pci.cfg, nodes/pve1/qemu-server/*.conf)")
                .contains("devices from /sys/bus/pci/devices on snapshot");
    }

    @Test
    void pveMappingMatchesFailsLikePveDoesOnWrongGroupAndMissingSubsystem() {
        SnapshotBuilder h = Hosts.lab(dir).pveNode("pve1").file("/etc/pve/mapping/pci.cfg", pciCfg("network", List.of(
                "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0020,iommugroup=45",
                "node=pve1,path=0000:81:00.3,id=15b3:101e,iommugroup=41")));
        List<CheckResult> r = Checks.run(h, "pve-mapping-matches");
        assertThat(Checks.statuses(r)).containsExactly(CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(r.get(0).evidence()).contains("'iommugroup' does not match for 'network' (40 != 45)").contains("hardware probably changed");
        assertThat(r.get(1).evidence()).contains("missing expected property 'subsystem-id' for device '0000:81:00.3'");
        assertThat(r.get(1).fix()).contains("sriovctl pve map --mapping network");
    }

    @Test
    void pveMappingMatchesFailsForTheFixturesIntelVfsOnThisHost() {
        // qemu-server's test mapping someNic (Intel VFs 8086:1520 at 0000:07:10.x) does not exist on this ConnectX host
        List<String> nic = fixtureMap("someNic");
        assertThat(nic).hasSize(3);
        SnapshotBuilder h = Hosts.lab(dir).pveNode("localhost").file("/etc/pve/mapping/pci.cfg", pciCfg("someNic", nic));
        List<CheckResult> r = Checks.run(h, "pve-mapping-matches", c -> c.withPveNode("localhost"));
        assertThat(Checks.statuses(r)).containsOnly(CheckStatus.FAIL).hasSize(3);
        assertThat(r.get(0).evidence()).contains("pci device '0000:07:10.0' not found");
    }

    @Test
    void pveMappingMatchesFailsWhenTheSpecsMappingIsMissingOrLacksAVf() {
        Expectations spec = new Expectations("spec.yaml", List.of(), null, List.of(), List.of(), null, List.of(
                new Expectations.MappingExpectation("network", List.of("0000:81:00.2", "0000:81:00.3", "0000:81:00.4")),
                new Expectations.MappingExpectation("storage", List.of("0000:81:00.5"))));
        List<CheckResult> r = Checks.run(node(), "pve-mapping-matches", c -> c.withExpectations(spec));
        CheckResult network = r.stream().filter(x -> x.subject().equals("mapping network")).findFirst().orElseThrow();
        assertThat(network.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(network.evidence()).contains("has no entry of pve1 for 0000:81:00.4, which spec.yaml puts in it");
        assertThat(network.fix()).isEqualTo("sriovctl pve map --mapping network --vfs 0000:81:00.2,0000:81:00.3,0000:81:00.4");
        CheckResult storage = r.stream().filter(x -> x.subject().equals("mapping storage")).findFirst().orElseThrow();
        assertThat(storage.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(storage.evidence()).contains("spec.yaml wants mapping 'storage'").contains("no such mapping");
    }

    @Test
    void pveMappingMatchesPassesWhenTheSpecsMappingHasEveryVf() {
        Expectations spec = new Expectations("spec.yaml", List.of(), null, List.of(), List.of(), null, List.of(
                new Expectations.MappingExpectation("network", List.of("0000:81:00.2", "0000:81:00.3"))));
        List<CheckResult> r = Checks.run(node(), "pve-mapping-matches", c -> c.withExpectations(spec));
        assertThat(Checks.statuses(r)).containsOnly(CheckStatus.PASS).hasSize(3);
        assertThat(r.get(2).evidence()).contains("has an entry of pve1 for each of the 2 VFs spec.yaml puts in it");
    }

    @Test
    void vfSingleAssignmentPassesForTheFixtureVmUsingOneMappingTwice() {
        // hostpci0 and hostpci2 of the real qemu-server test config both take a device from mapping someNic, which has three
        String cfg = pciCfg("someGpu", fixtureMap("someGpu")) + pciCfg("someNic", fixtureMap("someNic"));
        SnapshotBuilder h = Hosts.lab(dir).file("/etc/pve/mapping/pci.cfg", cfg)
                .pveVm("localhost", 100, Fixtures.body("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt"));
        CheckResult r = Checks.one(h, "vf-single-assignment", c -> c.withPveNode("localhost"));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("no VF of this host is in a mapping or given to a VM").contains("fs/etc/pve");
    }

    @Test
    void vfSingleAssignmentFailsForOneVfGivenToTwoVms() {
        SnapshotBuilder h = Hosts.lab(dir).pveNode("pve1")
                .pveVm("pve1", 101, "name: web1\nhostpci0: 0000:81:00.2,pcie=1\nmachine: q35\n")
                .pveVm("pve1", 102, "name: web2\nhostpci0: 81:00.2\n")
                .file("/run/qemu-server/pci-id-reservations", "0000:81:00.2 101 pid:4242\n");
        CheckResult r = Checks.one(h, "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.subject()).isEqualTo("0000:81:00.2");
        assertThat(r.evidence()).contains("given by raw address to 2 VMs: VM 101 (web1) hostpci0, VM 102 (web2) hostpci0")
                .contains("held now by VM 101");
    }

    @Test
    void vfSingleAssignmentWarnsWhenAMappingHasFewerDevicesThanUsers() {
        SnapshotBuilder h = node()
                .pveVm("pve1", 101, "name: a\nhostpci0: mapping=network\n")
                .pveVm("pve1", 102, "name: b\nhostpci0: mapping=network\n")
                .pveVm("pve1", 103, "name: c\nhostpci0: mapping=network,pcie=1\n");
        CheckResult r = Checks.one(h, "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("3 hostpci entries of VMs on pve1").contains("but it has 2 VFs there");
    }

    @Test
    void vfSingleAssignmentWarnsWhenAPendingHostpciTakesTheLastVf() {
        // a hostpci added to a running VM waits in [PENDING] until the next start, and counts as taken (as the API's view does)
        SnapshotBuilder h = node()
                .pveVm("pve1", 101, "name: a\nhostpci0: mapping=network\n\n[PENDING]\nhostpci1: mapping=network\n")
                .pveVm("pve1", 102, "name: b\nhostpci0: mapping=network\nhostpci1: mapping=network\n\n[PENDING]\ndelete: hostpci1\n");
        CheckResult r = Checks.one(h, "vf-single-assignment");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).contains("3 hostpci entries of VMs on pve1 (VM 101 (a), VM 101 (a), VM 102 (b))");
    }

    @Test
    void vfSingleAssignmentFailsWhenTheHostUsesAMappedVf() {
        SnapshotBuilder h = new SnapshotBuilder(dir).pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchdev().vfs(2, null, "mlx5_core"))
                .file("/etc/network/interfaces", "auto enp129s0f0v0\niface enp129s0f0v0 inet dhcp\n")
                .pveNode("pve1").file("/etc/pve/mapping/pci.cfg", pciCfg("network", GOOD))
                .pveVm("pve1", 101, "name: a\nhostpci0: mapping=network\n");
        List<CheckResult> r = Checks.run(h, "vf-single-assignment");
        CheckResult used = r.stream().filter(x -> x.subject().equals("0000:81:00.2")).findFirst().orElseThrow();
        assertThat(used.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(used.evidence()).contains("bound to mlx5_core (netdev enp129s0f0v0, which the host uses: configured at /etc/network/interfaces:2)");
    }

    @Test
    void vfSingleAssignmentFailsOnFactsFromTheApiAndNamesIt() {
        PveFacts api = new PveFacts("the PVE API at https://pve1:8006 as sriovctl@pve!ops", "pve1", List.of(), List.of(
                new VmUse(new VmRef(101, "pve1", "web1", "running", false), new VmConfig(101, "pve1", Map.of("hostpci0", "0000:81:00.2"), "d")),
                new VmUse(new VmRef(102, "pve1", "web2", "stopped", false), new VmConfig(102, "pve1", Map.of("hostpci3", "0000:81:00.2"), "d"))),
                List.of(), new PveFacts.State(true, "VM status from the API"));
        CheckResult r = Checks.one(Hosts.lab(dir), "vf-single-assignment", c -> c.withProxmox(api));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).contains("VM 102 (web2) hostpci3").endsWith("(the PVE API at https://pve1:8006 as sriovctl@pve!ops)");
    }

    @Test
    void anUnreadablePciCfgSkipsWithTheLine() {
        CheckResult r = Checks.one(Hosts.lab(dir).pveNode("pve1").file("/etc/pve/mapping/pci.cfg", "network\nmap node=pve1\n"), "pve-mapping-matches");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence()).contains("the Proxmox data cannot be read").contains("pci.cfg:2");
    }
}
