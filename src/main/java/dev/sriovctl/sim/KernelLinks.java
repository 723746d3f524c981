package dev.sriovctl.sim;

import dev.sriovctl.sim.ovs.LinkException;
import dev.sriovctl.sim.ovs.LinkTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated kernel's netdevs as the Open vSwitch and ifupdown2 emulations see them
 * ({@link LinkTable}): PF uplinks, representors, VF netdevs, Linux bonds (with their hardware-LAG side
 * effects) and OVS internal ports. Refusals carry the kernel's message, as {@code ip} prints it after "Error: ".
 */
final class KernelLinks implements LinkTable {

    private final SimKernel k;

    KernelLinks(SimKernel k) {
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

    private Link view(NetdevState nd) {
        dev.sriovctl.sim.Link v = k.view(nd);
        String kind = switch (nd.kind) {
            case BOND -> "bond";
            case VIRTUAL -> nd.linkKind == null ? "" : nd.linkKind;
            case LOOPBACK -> "loopback";
            default -> "";
        };
        return new Link(v.name(), v.ifindex(), v.up(), v.carrier(), v.operstate(), v.mtu(), v.maxMtu(), v.mac(), kind,
                nd.driver == null ? "" : nd.driver, v.master(), v.addresses(), tcOffload(nd));
    }

    /** mlx5 offloads TC rules on switchdev uplinks and representors. */
    private boolean tcOffload(NetdevState nd) {
        if (nd.kind == NetdevKind.REP) return true;
        PciRef pf = k.pfOf(nd);
        return pf != null && "switchdev".equals(pf.pf().eswitch);
    }

    @Override
    public List<String> names() {
        return k.links().stream().map(dev.sriovctl.sim.Link::name).sorted().toList();
    }

    @Override
    public void setAdminUp(String name, boolean up) {
        call(() -> k.setLinkUp(name, up));
    }

    @Override
    public void setMtu(String name, int mtu) {
        call(() -> k.setMtu(name, mtu));
    }

    @Override
    public void addAddress(String name, String cidr) {
        call(() -> k.addAddress(name, cidr));
    }

    @Override
    public void removeAddress(String name, String cidr) {
        call(() -> k.removeAddress(name, cidr));
    }

    @Override
    public void createLinuxBond(LinuxBond bond) {
        Map<String, String> options = new HashMap<>();
        options.put("miimon", Integer.toString(bond.miimon()));
        if (bond.xmitHashPolicy() != null) options.put("xmit_hash_policy", bond.xmitHashPolicy());
        if (bond.lacpRate() != null) options.put("lacp_rate", bond.lacpRate());
        call(() -> k.createBond(bond.name(), bond.mode(), options, bond.slaves()));
    }

    @Override
    public void deleteLinuxBond(String name) {
        call(() -> k.deleteBond(name));
    }

    /** A Linux bridge ({@code bridge-ports}, as Proxmox VE's vmbr0): its ports get it as master. */
    @Override
    public void createLinuxBridge(String name, List<String> ports) {
        call(() -> {
            for (String p : ports) k.require(p);
            k.createVirtual(name, "bridge", null);
            NetdevState br = k.require(name);
            for (String p : ports) {
                NetdevState nd = k.require(p);
                if (nd.master != 0) throw new KernelError(Errno.EBUSY, "Device is already in use.");
                nd.master = br.ifindex;
                nd.slaveKind = "bridge";
            }
            k.changed(false);
        });
    }

    @Override
    public void deleteLinuxBridge(String name) {
        call(() -> {
            NetdevState br = k.require(name);
            if (!"bridge".equals(br.linkKind)) throw new KernelError(Errno.EOPNOTSUPP);
            k.deleteLink(name);
        });
    }

    @Override
    public void enslave(String bond, String slave) {
        call(() -> k.enslave(slave, bond));
    }

    @Override
    public void release(String slave) {
        call(() -> k.release(slave));
    }

    @Override
    public void createOvsInternal(String name, String mac) {
        call(() -> k.createVirtual(name, "openvswitch", mac));
    }

    @Override
    public void deleteOvsInternal(String name) {
        call(() -> {
            if (k.netdev(name).isPresent()) k.deleteLink(name);
        });
    }

    private static void call(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T call(Supplier<T> s) {
        try {
            return s.get();
        } catch (KernelError e) {
            String m = e.iproute2Message();
            throw new LinkException(m.startsWith("Error: ") ? m.substring(7, m.length() - (m.endsWith(".") ? 1 : 0))
                    : e.errno().text());
        }
    }
}
