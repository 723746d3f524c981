package dev.sriovctl;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;

import java.nio.file.Path;

/**
 * Snapshots for tests, with sysfs laid out as the kernel does (PCI device directories under
 * /sys/devices, relative links from /sys/bus/pci/devices and /sys/class/net, virtfnN/physfn) and,
 * for Open vSwitch, the real lab outputs from ../shared/fixtures/ovs (OVS 3.1, bond0 of ens1f0 and
 * ens1f1 with ens1f1 down, representor stand-ins pf0vf0..pf0vf3 in bridge vmbr1).
 */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    /**
     * A two-port ConnectX-6 Lx (15b3:101f) whose PF netdevs are ens1f0/ens1f1 (the lab's bond
     * members), PF0 in switchdev with 4 VFs (VF0 on vfio-pci, the others on mlx5_core) and
     * representors pf0vf0..pf0vf3; with {@code ovs} the lab's OVS database and bond state.
     */
    public static SnapshotWriter switchdevHost(Path dir, boolean ovs) {
        SnapshotWriter w = new SnapshotWriter(dir);
        SysfsCard card = SysfsCard.connectX6Lx(w);
        card.pf(SysfsCard.PF0, "ens1f0", "p0", 4);
        card.pf(SysfsCard.PF1, "ens1f1", "p1", 0);
        w.file(SysfsCard.ROOT_PORT + "/" + SysfsCard.PF0 + "/net/ens1f0/compat/devlink/mode", "switchdev\n");
        for (int i = 0; i < 4; i++) {
            card.vf(i, "0000:01:00." + (i + 2), i == 0 ? "vfio-pci" : "mlx5_core", i == 0 ? null : "ens1f0v" + i, 40 + i);
            card.representor("pf0vf" + i, "pf0vf" + i);
        }
        w.directory("/sys/kernel/iommu_groups");
        for (int g = 0; g < 48; g++) w.directory("/sys/kernel/iommu_groups/" + g + "/devices");
        if (ovs) labOvs(w);
        return w;
    }

    /**
     * The real Open vSwitch 3.1 lab outputs (fixtures ovs/*-ovs3.1-lab*, all taken while ens1f1 was down):
     * the four tables, bond/show and lacp/show of bond0 over ens1f0/ens1f1 in bridge vmbr1.
     */
    public static void labOvs(SnapshotWriter w) {
        w.command(new CommandResult(CommandCatalog.ovsList("Open_vSwitch"), 0,
                Fixtures.body("ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt"), ""));
        w.command(new CommandResult(CommandCatalog.ovsList("Bridge"), 0,
                Fixtures.body("ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt"), ""));
        w.command(new CommandResult(CommandCatalog.ovsList("Port"), 0,
                Fixtures.body("ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt"), ""));
        w.command(new CommandResult(CommandCatalog.ovsList("Interface"), 0,
                Fixtures.body("ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt"), ""));
        w.command(new CommandResult(CommandCatalog.ovsBondShow(), 0,
                Fixtures.body("ovs/ovs-appctl-bond-show-ovs3.1-lab-member-down.txt"), ""));
        w.command(new CommandResult(CommandCatalog.ovsLacpShow(), 0,
                Fixtures.body("ovs/ovs-appctl-lacp-show-ovs3.1-lab-member-down-defaulted.txt"), ""));
    }

    public static SnapshotFormat.Meta meta(String hostname) {
        return new SnapshotFormat.Meta(SnapshotFormat.FORMAT, hostname, "2026-11-25T00:00:00Z", "6.8.12-4-pve");
    }
}
