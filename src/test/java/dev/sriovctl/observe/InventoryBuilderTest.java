package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import dev.sriovctl.SysfsCard;
import dev.sriovctl.TestSnapshots;
import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.host.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery on snapshots whose sysfs is laid out as the kernel does and whose command outputs are
 * the real captures from ../shared/fixtures (named in each test).
 */
class InventoryBuilderTest {

    @TempDir
    Path dir;

    private static final String ROOT_PORT = SysfsCard.ROOT_PORT;
    private static final String PF0 = SysfsCard.PF0;
    private static final String PF1 = SysfsCard.PF1;

    /** A ConnectX-4 Lx (15b3:1015) with two ports; PF0 in switchdev with 2 VFs (VF0 on vfio-pci, VF1 on mlx5_core). */
    private SnapshotWriter cx4lxHost() {
        SnapshotWriter w = new SnapshotWriter(dir);
        SysfsCard card = SysfsCard.connectX4Lx(w);
        card.pf(PF0, "enp1s0f0np0", "p0", 2);
        card.pf(PF1, "enp1s0f1np1", "p1", 0);
        // OFED's compat file (fixture sysfs/class-net-ls-totalvfs-compat-devlink-mode-cx5-kubeovn-doc.txt shows it)
        w.file(ROOT_PORT + "/" + PF0 + "/net/enp1s0f0np0/compat/devlink/mode", "switchdev\n");
        card.vf(0, "0000:01:00.2", "vfio-pci", null, 31);
        card.vf(1, "0000:01:00.3", "mlx5_core", "enp1s0f0v1", 32);
        card.representor("enp1s0f0npf0vf0", "pf0vf0");
        card.representor("enp1s0f0npf0vf1", "pf0vf1");
        w.directory("/sys/kernel/iommu_groups");
        for (int g = 0; g < 40; g++) w.directory("/sys/kernel/iommu_groups/" + g + "/devices");
        return w;
    }

    private static SnapshotFormat.Meta meta() {
        return new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "tester03", "2026-11-25T00:00:00Z", "6.5.0");
    }

    private Inventory discover() {
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            return InventoryBuilder.build(h);
        }
    }

    @Test
    void groupsTheTwoPortsOfOneCardIntoOneNicWithVfsAndRepresentors() {
        cx4lxHost().finish(meta());
        Inventory inv = discover();

        assertThat(inv.hostname()).isEqualTo("tester03");
        assertThat(inv.iommu()).isEqualTo(new Iommu(true, 40));
        assertThat(inv.nics()).hasSize(1);
        Nic nic = inv.nics().get(0);
        assertThat(nic.id()).isEqualTo("0000:01:00");
        assertThat(nic.model()).isEqualTo("ConnectX-4 Lx");
        assertThat(nic.family()).isEqualTo("mlx5");
        assertThat(nic.supported()).isTrue();
        assertThat(nic.pfs()).extracting(Pf::pci).containsExactly(PF0, PF1);

        Pf pf0 = nic.pfs().get(0);
        assertThat(pf0.netdev()).isEqualTo("enp1s0f0np0");
        assertThat(pf0.portName()).isEqualTo("p0");
        assertThat(pf0.switchId()).isEqualTo("0c42a10300000001");
        assertThat(pf0.eswitchMode()).isEqualTo(EswitchMode.SWITCHDEV);
        assertThat(pf0.totalVfs()).isEqualTo(8);
        assertThat(pf0.numVfs()).isEqualTo(2);
        assertThat(pf0.mtu()).isEqualTo(9000);
        assertThat(pf0.iommuGroup()).isEqualTo(20);
        assertThat(pf0.vfs()).extracting(Vf::index, Vf::pci, Vf::driver, Vf::netdev, Vf::representor, Vf::iommuGroup)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "0000:01:00.2", "vfio-pci", null, "enp1s0f0npf0vf0", 31),
                        org.assertj.core.groups.Tuple.tuple(1, "0000:01:00.3", "mlx5_core", "enp1s0f0v1", "enp1s0f0npf0vf1", 32));
        assertThat(pf0.vfs().get(0).deviceId()).isEqualTo("1016");
        assertThat(pf0.vfs().get(0).subsystemId()).isEqualTo("15b3:0003");
        // No ip -d -j link of this host was recorded: VF MACs are unknown, never guessed.
        assertThat(pf0.vfs().get(0).mac()).isNull();

        Pf pf1 = nic.pfs().get(1);
        assertThat(pf1.eswitchMode()).isEqualTo(EswitchMode.UNKNOWN);
        assertThat(pf1.vfs()).isEmpty();
        assertThat(inv.ovs().running()).isNull();
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void readsOpenVswitchBridgesBondsAndLacpFromRealLabOutputs() {
        // Real outputs of OVS 3.1 in the lab, all taken while ens1f1 was down (TestSnapshots.labOvs names the fixtures).
        SnapshotWriter w = cx4lxHost();
        TestSnapshots.labOvs(w);
        w.command(new CommandResult(CommandCatalog.ipLinkDetails(), 0,
                Fixtures.body("ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt"), ""));
        w.finish(meta());

        Inventory inv = discover();

        assertThat(inv.ovs().running()).isTrue();
        assertThat(inv.ovs().version()).isEqualTo("3.1.0");
        assertThat(inv.ovs().otherConfig()).containsEntry("userspace-tso-enable", "true");
        assertThat(inv.ovs().bridges()).extracting(OvsBridge::name).containsExactly("tor", "vmbr1");
        OvsBridge vmbr1 = inv.ovs().bridges().get(1);
        assertThat(vmbr1.datapathType()).isEqualTo("netdev");
        assertThat(vmbr1.ports()).extracting(OvsPort::name)
                .containsExactly("bond0", "pf0vf0", "pf0vf1", "pf0vf2", "pf0vf3", "vmbr1");
        OvsPort bond0 = vmbr1.port("bond0").orElseThrow();
        assertThat(bond0.interfaces()).extracting(OvsInterface::name).containsExactly("ens1f0", "ens1f1");
        assertThat(bond0.otherConfig()).containsEntry("lacp-fallback-ab", "true");

        Bond bond = inv.bond("bond0").orElseThrow();
        assertThat(bond.kind()).isEqualTo("ovs");
        assertThat(bond.bridge()).isEqualTo("vmbr1");
        assertThat(bond.mode()).isEqualTo("balance-tcp");
        assertThat(bond.lacp()).isEqualTo("negotiated");
        assertThat(bond.mayUseRecirculation()).isTrue();
        assertThat(bond.lacpTime()).isEqualTo("fast");
        assertThat(bond.members()).containsExactly(
                new BondMember("ens1f0", true, true, "current"),
                new BondMember("ens1f1", false, false, "defaulted"));
        // tor-bond is in the database but bond/show and lacp/show were recorded for bond0 only
        Bond tor = inv.bond("tor-bond").orElseThrow();
        assertThat(tor.lacp()).isNull();
        assertThat(tor.members()).allSatisfy(m -> assertThat(m.enabled()).isNull());
    }

    @Test
    void garbageInASysfsAttributeBecomesNullWithAWarningNamingTheFile() {
        SnapshotWriter w = cx4lxHost();
        w.file(ROOT_PORT + "/" + PF0 + "/sriov_numvfs", "abc\n");
        w.finish(meta());

        Inventory inv = discover();

        assertThat(inv.pf(PF0).orElseThrow().numVfs()).isNull();
        assertThat(inv.warnings()).singleElement().asString()
                .contains("fs/sys/bus/pci/devices/0000:01:00.0/sriov_numvfs")
                .contains("'abc' is not a number");
    }

    @Test
    void aCommandOutputTruncatedMidLineLeavesItsValuesUnknownWithAWarning() {
        SnapshotWriter w = cx4lxHost();
        String full = Fixtures.body("ip-link/ip-d-j-link-show-veth-ovs-lab-iproute2-6.1.txt");
        w.command(new CommandResult(CommandCatalog.ipLinkDetails(), 0, full.substring(0, full.length() / 2), ""));
        w.finish(meta());

        Inventory inv = discover();

        assertThat(inv.nics()).hasSize(1);
        assertThat(inv.warnings()).singleElement().asString()
                .contains("ip -d -j link show")
                .contains("commands/0001.out")
                .contains("truncated")
                .contains("unknown");
    }

    @Test
    void aFailedOvsVsctlMeansOpenVswitchIsNotRunning() {
        SnapshotWriter w = cx4lxHost();
        w.command(new CommandResult(CommandCatalog.ovsList("Open_vSwitch"), 1, "",
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n"));
        w.finish(meta());

        Inventory inv = discover();

        assertThat(inv.ovs().running()).isFalse();
        assertThat(inv.bonds()).isEmpty();
    }

    @Test
    void aHostWithoutSriovNicsHasNoNics() {
        SnapshotWriter w = new SnapshotWriter(dir);
        String d = "/sys/devices/pci0000:00/0000:00:05.0";
        w.file(d + "/vendor", "0x1af4\n");
        w.file(d + "/device", "0x1000\n");
        w.file(d + "/class", "0x020000\n");
        w.link("/sys/bus/pci/devices/0000:00:05.0", "../../../devices/pci0000:00/0000:00:05.0");
        w.finish(meta());

        assertThat(discover().nics()).isEmpty();
    }

    @Test
    void findsRepresentorsBySwitchIdOnKernelsThatDoNotListThemUnderThePf() {
        SnapshotWriter w = new SnapshotWriter(dir);
        SysfsCard card = SysfsCard.connectX4Lx(w);
        card.pf(PF0, "enp1s0f0np0", "p0", 1);
        w.file(ROOT_PORT + "/" + PF0 + "/net/enp1s0f0np0/compat/devlink/mode", "switchdev\n");
        card.vf(0, "0000:01:00.2", "mlx5_core", null, 31);
        // old kernels: representors were virtual netdevs (fixture sysfs/sriov-totalvfs-and-class-net-representors-neutron-doc.txt)
        w.file("/sys/devices/virtual/net/eth3/phys_port_name", "pf0vf0\n");
        w.file("/sys/devices/virtual/net/eth3/phys_switch_id", "0c42a10300000001\n");
        w.link("/sys/class/net/eth3", "../../devices/virtual/net/eth3");
        w.finish(meta());

        assertThat(discover().pf(PF0).orElseThrow().vfs()).extracting(Vf::representor).containsExactly("eth3");
    }

    @Test
    void devicePciIdsAreLowerCaseWithoutPrefix() {
        cx4lxHost().finish(meta());
        Pf pf = discover().pf("enp1s0f0np0").orElseThrow();
        assertThat(List.of(pf.vendorId(), pf.deviceId(), pf.subsystemId(), pf.vfDeviceId()))
                .containsExactly("15b3", "1015", "15b3:0003", "1016");
    }
}
