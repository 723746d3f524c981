package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;

import java.nio.file.Path;

/**
 * The test hosts the check tests start from. Names line up with the real outputs they carry, so
 * sysfs and the fixture outputs describe one machine.
 */
public final class Hosts {
    private Hosts() {
    }

    public static final String SWITCH_ID = "3264160003bd70c4";

    /**
     * The OVS lab of ../shared/lab (real Open vSwitch 3.1 outputs: vmbr1 with bond0 over ens1f0/ens1f1 in LACP
     * balance-tcp, representor stand-ins pf0vf0..3) on top of a ConnectX-6 Lx whose PF netdevs carry the lab's
     * names: ens1f0 (0000:81:00.0, 4 VFs for VMs) and ens1f1 (0000:81:00.1), both in switchdev.
     */
    public static SnapshotBuilder lab(Path dir) {
        return new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "ens1f0", p -> p.switchId(SWITCH_ID).switchdev().vfs(4, i -> "pf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "ens1f1", p -> p.switchId(SWITCH_ID).switchdev())
                .commandFixture(CommandCatalog.ovsList("Open_vSwitch"), "ovs/ovs-vsctl-f-json-list-open-vswitch-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsList("Bridge"), "ovs/ovs-vsctl-f-json-list-bridge-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsList("Port"), "ovs/ovs-vsctl-f-json-list-port-ovs3.1-lab-bonds.txt")
                .commandFixture(CommandCatalog.ovsList("Interface"), "ovs/ovs-vsctl-f-json-list-interface-ovs3.1-lab.txt")
                .commandFixture(CommandCatalog.ovsBondShow(), "ovs/ovs-appctl-bond-show-ovs3.1-lab-balance-tcp-lacp.txt")
                .commandFixture(CommandCatalog.ovsLacpShow(), "ovs/ovs-appctl-lacp-show-ovs3.1-lab-negotiated.txt")
                .commandFixture(CommandCatalog.ovsDumpFlows(), "ovs/dpctl-dump-flows-m-userspace-dp-balance-tcp-hash-recirc-ovs3.1-lab.txt");
    }

    /**
     * The guide's NIC as its own host reported it: ConnectX-6 Lx 0000:81:00.0/.1, enp129s0f0np0/enp129s0f1np1,
     * switch id 3264160003bd70c4 (guide.txt, "ip -d link show enp129s0f0np0"), in switchdev with 4 VFs on port 0
     * for VMs and kernel-named representors; OVS on the kernel datapath with vmbr1 and bond1 as the guide sets it up.
     */
    public static SnapshotBuilder guide(Path dir) {
        return new SnapshotBuilder(dir)
                .pf("0000:81:00.0", "enp129s0f0np0", p -> p.switchId(SWITCH_ID).switchdev().mtu(9000).vfs(4, i -> "enp129s0f0npf0vf" + i, "vfio-pci"))
                .pf("0000:81:00.1", "enp129s0f1np1", p -> p.switchId(SWITCH_ID).switchdev().mtu(9000));
    }

    /** The guide's bridge: vmbr1 with the four representors and the OVS bond bond1 (LACP, balance-tcp) over both PFs. */
    public static OvsTables guideBridge(java.util.Map<String, String> otherConfig) {
        return new OvsTables().otherConfig(otherConfig)
                .bridge("vmbr1", "enp129s0f0npf0vf0", "enp129s0f0npf0vf1", "enp129s0f0npf0vf2", "enp129s0f0npf0vf3")
                .bond("bond1", "balance-tcp", "active", java.util.Map.of(), "enp129s0f0np0", "enp129s0f1np1");
    }
}
