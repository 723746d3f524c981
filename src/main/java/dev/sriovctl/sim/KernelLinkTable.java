package dev.sriovctl.sim;

import dev.sriovctl.sim.ovs.LinkException;
import dev.sriovctl.sim.ovs.LinkTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated kernel as the Open vSwitch and ifupdown2 emulations see it ({@link LinkTable}): netdevs by
 * name, and the netlink changes ovs-vswitchd and ifupdown2 make. Refusals carry what iproute2 would print
 * after "Error: " ({@link KernelError#iproute2Message()}), or {@code Cannot find device "X"} for a name the
 * kernel does not know. Linux bonds go through the kernel's bonding model, so a bond of both ports of a
 * ConnectX card activates the hardware LAG here exactly as {@code ip link set ... master} does.
 */
final class KernelLinkTable implements LinkTable {

    /** The kernel datapath's own netdev, master of every port of an Open vSwitch "system" bridge. */
    static final String DATAPATH = "ovs-system";

    private final SimKernel k;

    KernelLinkTable(SimKernel k) {
        this.k = k;
    }

    @Override
    public boolean exists(String name) {
        return k.netdev(name).isPresent();
    }

    @Override
    public Optional<Link> link(String name) {
        return k.netdev(name).map(this::view);
    }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (NetdevState n : k.state.netdevs) out.add(n.name);
        out.sort(String::compareTo);
        return out;
    }

    private Link view(NetdevState n) {
        NetdevState m = n.master == 0 ? null : k.netdev(n.master);
        // LinkTable's master is the Linux bond or bridge; membership of the OVS datapath is OVS's own business
        String master = m == null || "openvswitch".equals(n.slaveKind) ? null : m.name;
        boolean carrier = k.carrier(n);
        String oper = k.operstate(n);
        return new Link(n.name, n.ifindex, n.up, carrier, oper, n.mtu, n.maxMtu, n.mac, kind(n), n.driver == null ? "" : n.driver,
                master, n.addresses, tcOffload(n));
    }

    private static String kind(NetdevState n) {
        return switch (n.kind) {
            case BOND -> "bond";
            case VIRTUAL -> n.linkKind == null ? "" : n.linkKind;
            case LOOPBACK -> "loopback";
            default -> "";
        };
    }

    /**
     * TC flower rules reach the NIC from mlx5 switchdev uplinks and representors (mlx5e_rep: NETIF_F_HW_TC is
     * on by default there; Documentation/networking/device_drivers/ethernet/mellanox/mlx5/switchdev.rst).
     */
    private boolean tcOffload(NetdevState n) {
        if (n.kind == NetdevKind.REP) return true;
        if (n.kind != NetdevKind.PF) return false;
        PciRef r = k.pfOf(n);
        return r != null && "switchdev".equals(r.pf().eswitch) && SimKernel.profile(r.card()).mlx5();
    }

    @Override
    public void setAdminUp(String name, boolean up) {
        call(name, () -> k.setLinkUp(name, up));
    }

    @Override
    public void setMtu(String name, int mtu) {
        call(name, () -> k.setMtu(name, mtu));
    }

    @Override
    public void addAddress(String name, String cidr) {
        call(name, () -> k.addAddress(name, cidr));
    }

    @Override
    public void removeAddress(String name, String cidr) {
        NetdevState nd = require(name);
        // ip addr del of an absent address: EADDRNOTAVAIL
        if (!nd.addresses.contains(cidr)) throw new LinkException("RTNETLINK answers: Cannot assign requested address");
        call(name, () -> k.removeAddress(name, cidr));
    }

    @Override
    public void createLinuxBond(LinuxBond bond) {
        for (String s : bond.slaves()) require(s);
        Map<String, String> options = new LinkedHashMap<>();
        if (bond.miimon() > 0) options.put("miimon", Integer.toString(bond.miimon()));
        if (bond.xmitHashPolicy() != null) options.put("xmit_hash_policy", bond.xmitHashPolicy());
        if (bond.lacpRate() != null) options.put("lacp_rate", bond.lacpRate());
        call(bond.name(), () -> {
            k.createBond(bond.name(), bond.mode(), options, bond.slaves());
            return null;
        });
    }

    @Override
    public void deleteLinuxBond(String name) {
        NetdevState nd = require(name);
        if (nd.kind != NetdevKind.BOND) throw new LinkException("Operation not supported");
        call(name, () -> k.deleteBond(name));
    }

    @Override
    public void createLinuxBridge(String name, List<String> ports) {
        for (String p : ports) require(p);
        call(name, () -> {
            // the bridge takes the lowest MAC of its ports (br_stp_recalculate_bridge_id)
            String mac = ports.stream().map(p -> k.netdev(p).map(n -> n.mac).orElse(null)).filter(java.util.Objects::nonNull)
                    .min(String::compareTo).orElse(null);
            k.createVirtual(name, "bridge", mac);
            for (String p : ports) k.attachToBridge(p, name);
        });
    }

    @Override
    public void deleteLinuxBridge(String name) {
        NetdevState nd = require(name);
        if (!"bridge".equals(nd.linkKind)) throw new LinkException("Operation not supported");
        call(name, () -> k.deleteLink(name));
    }

    @Override
    public void enslave(String master, String slave) {
        NetdevState m = require(master);
        require(slave);
        if ("bridge".equals(m.linkKind)) call(slave, () -> k.attachToBridge(slave, master));
        else call(slave, () -> k.enslave(slave, master));
    }

    @Override
    public void release(String slave) {
        call(slave, () -> k.release(slave));
    }

    /**
     * vswitchd's internal port: a netdev of kind openvswitch. The datapath owns it without an upper-device link
     * (only system ports get one, net/openvswitch/vport-netdev.c), so {@code ip link} shows no master.
     */
    @Override
    public void createOvsInternal(String name, String mac) {
        if (exists(name)) return;
        ensureDatapath();
        call(name, () -> k.createVirtual(name, "openvswitch", mac));
    }

    @Override
    public void deleteOvsInternal(String name) {
        Optional<NetdevState> nd = k.netdev(name);
        if (nd.isEmpty() || !"openvswitch".equals(nd.get().linkKind)) return;
        call(name, () -> k.deleteLink(name));
    }

    /** {@code ovs-system}, created by the openvswitch module when vswitchd opens the kernel datapath. */
    void ensureDatapath() {
        if (!exists(DATAPATH)) k.createVirtual(DATAPATH, "openvswitch", null);
    }

    private NetdevState require(String name) {
        return k.netdev(name).orElseThrow(() -> new LinkException("Cannot find device \"" + name + "\""));
    }

    private void call(String name, Runnable r) {
        call(name, () -> {
            r.run();
            return null;
        });
    }

    private <T> T call(String name, Supplier<T> op) {
        try {
            return op.get();
        } catch (KernelError e) {
            if (e.errno() == Errno.ENODEV && e.extack() == null) throw new LinkException("Cannot find device \"" + name + "\"");
            String msg = e.iproute2Message();
            throw new LinkException(msg.startsWith("Error: ") ? msg.substring(7) : msg);
        }
    }
}
