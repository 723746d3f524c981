package dev.sriovctl.sim;

import dev.sriovctl.observe.PciAddress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated kernel: PCI devices, netdevs and what the mlx5 (and ice) drivers do to them. Every
 * change logs what the real driver prints and queues the uevents udev will see. The public methods
 * are the kernel-side API other emulations use (Open vSwitch ports, ifupdown2 links and bonds);
 * they throw {@link KernelError} with the errno and extended ack the real kernel returns.
 */
public final class SimKernel {

    final SimState state;
    final KernelLog log;
    final Deque<Uevent> uevents = new ArrayDeque<>();
    final Sriov sriov = new Sriov(this);
    final Eswitch eswitch = new Eswitch(this);
    final Bonding bonding = new Bonding(this);
    final LagEngine lag = new LagEngine(this);

    private Map<String, PciRef> pciIndex;
    /** Bumps on every change, so cached views (the sysfs tree) know to rebuild. */
    private long version;

    SimKernel(SimState state) {
        this.state = state;
        this.log = new KernelLog(state);
    }

    long version() {
        return version;
    }

    /** Marks the model changed; {@code topology} when PCI devices appeared or vanished. */
    void changed(boolean topology) {
        version++;
        if (topology) pciIndex = null;
    }

    // ---- PCI ----------------------------------------------------------------------------------

    static Profile profile(CardState card) {
        return Profiles.find(card.profile).orElseThrow(() -> new IllegalStateException("unknown profile " + card.profile));
    }

    static String pfPci(CardState card, PfState pf) {
        return card.slot + "." + pf.function;
    }

    static int vfOffset(CardState card, PfState pf) {
        if (pf.vfOffset >= 0) return pf.vfOffset;
        return profile(card).vfOffset(pf.function, card.totalVfs);
    }

    /** VF routing id = PF + offset + stride * index (drivers/pci/iov.c pci_iov_virtfn_bus/devfn). */
    static String vfPci(CardState card, PfState pf, int index) {
        Profile p = profile(card);
        return PciAddress.parse(pfPci(card, pf)).plusRoutingId(vfOffset(card, pf) + p.vfStride() * index).toString();
    }

    Map<String, PciRef> pciDevices() {
        if (pciIndex == null) {
            Map<String, PciRef> m = new HashMap<>();
            for (PlatformDevice d : state.platform) m.put(d.pci(), new PciRef(d.pci(), d.parent(), null, null, null, d));
            for (CardState c : state.cards) {
                for (PfState pf : c.pfs) {
                    String pci = pfPci(c, pf);
                    m.put(pci, new PciRef(pci, c.parent, c, pf, null, null));
                    for (VfState vf : pf.vfs) {
                        String v = vfPci(c, pf, vf.index);
                        m.put(v, new PciRef(v, c.parent, c, pf, vf, null));
                    }
                }
            }
            pciIndex = m;
        }
        return pciIndex;
    }

    Optional<PciRef> pci(String pci) {
        return Optional.ofNullable(pciDevices().get(pci));
    }

    PciRef pfRef(CardState card, PfState pf) {
        return pciDevices().get(pfPci(card, pf));
    }

    // ---- netdevs ------------------------------------------------------------------------------

    Optional<NetdevState> netdev(String name) {
        for (NetdevState n : state.netdevs) if (n.name.equals(name)) return Optional.of(n);
        return Optional.empty();
    }

    NetdevState netdev(int ifindex) {
        for (NetdevState n : state.netdevs) if (n.ifindex == ifindex) return n;
        return null;
    }

    NetdevState require(String name) {
        return netdev(name).orElseThrow(() -> new KernelError(Errno.ENODEV));
    }

    /** The PF of a PF netdev (uplink), or null. */
    PciRef pfOf(NetdevState nd) {
        if (nd.kind != NetdevKind.PF) return null;
        return pci(nd.pci).orElse(null);
    }

    /** The lowest free {@code eth%d}, as the kernel's dev_alloc_name picks it. */
    String allocEthName() {
        Set<String> used = new HashSet<>();
        for (NetdevState n : state.netdevs) used.add(n.name);
        for (int i = 0; ; i++) {
            if (!used.contains("eth" + i)) return "eth" + i;
        }
    }

    NetdevState createNetdev(NetdevKind kind, String pci, String name, String mac, String driver, int maxMtu) {
        NetdevState nd = new NetdevState();
        nd.ifindex = state.nextIfindex++;
        nd.kind = kind;
        nd.pci = pci;
        nd.name = name == null ? allocEthName() : name;
        nd.nameAssignType = name == null ? 1 : 3;
        nd.mac = mac;
        nd.driver = driver;
        nd.maxMtu = maxMtu;
        state.netdevs.add(nd);
        uevents.add(Uevent.net("add", nd.ifindex));
        changed(false);
        return nd;
    }

    void removeNetdev(NetdevState nd) {
        if (nd == null) return;
        if (nd.master != 0) {
            NetdevState m = netdev(nd.master);
            if (m != null && m.kind == NetdevKind.BOND) bonding.releaseInternal(m, nd);
            nd.master = 0;
        }
        for (NetdevState other : new ArrayList<>(state.netdevs)) {
            if (other.master == nd.ifindex) {
                if (nd.kind == NetdevKind.BOND) bonding.releaseInternal(nd, other);
                other.master = 0;
                other.slaveKind = null;
            }
        }
        state.netdevs.remove(nd);
        uevents.add(Uevent.net("remove", nd.ifindex));
        changed(false);
        lag.onNetdevRemoved(nd);
    }

    boolean carrier(NetdevState nd) {
        switch (nd.kind) {
            case LOOPBACK:
                return true;
            case PF: {
                PciRef r = pfOf(nd);
                return nd.up && (r == null || r.pf().portUp);
            }
            case VF: {
                PciRef r = pci(nd.pci).orElse(null);
                return nd.up && r != null && vfLinkUp(r);
            }
            case BOND: {
                if (!nd.up) return false;
                for (NetdevState s : state.netdevs) if (s.master == nd.ifindex && carrier(s)) return true;
                return false;
            }
            default:
                return nd.up;
        }
    }

    String operstate(NetdevState nd) {
        if (nd.kind == NetdevKind.LOOPBACK) return "UNKNOWN";
        if (!nd.up) return "DOWN";
        if (nd.kind == NetdevKind.VIRTUAL && !"bridge".equals(nd.linkKind)) return "UNKNOWN";
        return carrier(nd) ? "UP" : "DOWN";
    }

    /** The VF's link as the VF driver sees it: link-state, representor (switchdev) and uplink. */
    boolean vfLinkUp(PciRef vf) {
        if ("enable".equals(vf.vf().linkState)) return true;
        if ("disable".equals(vf.vf().linkState)) return false;
        return vfConnectivity(vf).connected();
    }

    // ---- logging helpers ------------------------------------------------------------------------

    /** dev_info(): "mlx5_core 0000:81:00.0: msg" (driver bound) or "pci 0000:81:00.0: msg". */
    void devLog(String pci, String msg) {
        String drv = pci(pci).map(PciRef::driver).orElse(null);
        log.log((drv == null ? "pci" : drv) + " " + pci + ": " + msg);
    }

    void devLog(String driver, String pci, String msg) {
        log.log(driver + " " + pci + ": " + msg);
    }

    /** netdev_info(): "mlx5_core 0000:81:00.0 enp129s0f0np0: msg", or "bond1: msg" without a parent device. */
    void netLog(NetdevState nd, String msg) {
        if (nd.pci != null) {
            String drv = pci(nd.pci).map(PciRef::driver).orElse(null);
            if (drv != null) {
                log.log(drv + " " + nd.pci + " " + nd.name + ": " + msg);
                return;
            }
        }
        log.log(nd.name + ": " + msg);
    }

    // ---- public API: links ----------------------------------------------------------------------

    /** Every netdev, by ifindex. */
    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        List<NetdevState> sorted = new ArrayList<>(state.netdevs);
        sorted.sort(Comparator.comparingInt(n -> n.ifindex));
        for (NetdevState n : sorted) out.add(view(n));
        return out;
    }

    public Optional<Link> link(String name) {
        return netdev(name).map(this::view);
    }

    Link view(NetdevState n) {
        NetdevState m = n.master == 0 ? null : netdev(n.master);
        return new Link(n.name, n.ifindex, n.kind.name().toLowerCase(Locale.ROOT).replace("rep", "representor"),
                n.mac, n.mtu, n.minMtu, n.maxMtu, n.up, carrier(n), operstate(n), m == null ? null : m.name, n.addresses);
    }

    /** {@code ip link set dev NAME up|down}. */
    public void setLinkUp(String name, boolean up) {
        NetdevState nd = require(name);
        if (nd.up == up) return;
        boolean before = carrier(nd);
        Map<Integer, Boolean> vfLinks = vfCarriers();
        nd.up = up;
        if (up) nd.qdisc = true;
        changed(false);
        boolean after = carrier(nd);
        if (nd.kind == NetdevKind.PF && after && !before) netLog(nd, "Link up");
        if (nd.master != 0) bonding.onSlaveCarrier(nd, before, after);
        lag.evaluateFor(nd);
        vfCarrierChanges(vfLinks);
    }

    /** {@code ip link set dev NAME mtu N}; a bond passes the MTU to its slaves. */
    public void setMtu(String name, int mtu) {
        NetdevState nd = require(name);
        if (mtu > nd.maxMtu) throw new KernelError(Errno.EINVAL, "mtu greater than device maximum");
        if (mtu < nd.minMtu) throw new KernelError(Errno.EINVAL, "mtu less than device minimum");
        nd.mtu = mtu;
        if (nd.kind == NetdevKind.BOND) {
            for (NetdevState s : state.netdevs) if (s.master == nd.ifindex) s.mtu = Math.min(mtu, s.maxMtu);
        }
        changed(false);
    }

    /** {@code ip link set dev NAME address MAC}. */
    public void setMac(String name, String mac) {
        NetdevState nd = require(name);
        nd.mac = normaliseMac(mac);
        changed(false);
    }

    /** {@code ip link set dev OLD name NEW}: the device must be down (EBUSY) and the name free (EEXIST). */
    public void rename(String oldName, String newName) {
        NetdevState nd = require(oldName);
        renameInternal(nd, newName);
    }

    void renameInternal(NetdevState nd, String newName) {
        if (nd.name.equals(newName)) return;
        if (!NetNaming.valid(newName)) throw new KernelError(Errno.EINVAL);
        if (netdev(newName).isPresent()) throw new KernelError(Errno.EEXIST);
        if (nd.up) throw new KernelError(Errno.EBUSY);
        String old = nd.name;
        nd.name = newName;
        nd.nameAssignType = 4;
        changed(false);
        netLog(nd, "renamed from " + old);
    }

    /** {@code ip address add CIDR dev NAME}. */
    public void addAddress(String name, String cidr) {
        NetdevState nd = require(name);
        if (nd.addresses.contains(cidr)) throw new KernelError(Errno.EEXIST);
        nd.addresses.add(cidr);
        changed(false);
    }

    public void removeAddress(String name, String cidr) {
        NetdevState nd = require(name);
        if (!nd.addresses.remove(cidr)) throw new KernelError(Errno.EINVAL);
        changed(false);
    }

    /**
     * A virtual netdev (an Open vSwitch datapath {@code ovs-system} or internal port, a tap):
     * {@code kind} is the rtnl link kind ("openvswitch", "tun", "bridge").
     */
    public void createVirtual(String name, String kind, String mac) {
        if (!NetNaming.valid(name)) throw new KernelError(Errno.EINVAL);
        if (netdev(name).isPresent()) throw new KernelError(Errno.EEXIST);
        NetdevState nd = createNetdev(NetdevKind.VIRTUAL, null, name, mac == null ? Ids.randomMac("virtual/" + name) : mac,
                kind, 65535);
        nd.linkKind = kind;
        nd.maxMtu = "openvswitch".equals(kind) ? 65535 : 65521;
    }

    /** {@code ip link delete NAME}; only virtual devices and bonds can be deleted. */
    public void deleteLink(String name) {
        NetdevState nd = require(name);
        if (nd.kind != NetdevKind.VIRTUAL && nd.kind != NetdevKind.BOND) throw new KernelError(Errno.EOPNOTSUPP);
        if (nd.kind == NetdevKind.BOND) {
            bonding.delete(nd);
            return;
        }
        removeNetdev(nd);
    }

    /** Makes {@code name} a port of an Open vSwitch datapath ({@code ovs-system}): master set, promiscuous. */
    public void attachToSwitch(String name, String datapath) {
        NetdevState nd = require(name);
        NetdevState dp = require(datapath);
        if (nd.master != 0 && nd.master != dp.ifindex) throw new KernelError(Errno.EBUSY, "Device is already in use.");
        nd.master = dp.ifindex;
        nd.slaveKind = "openvswitch";
        nd.promiscuity = 1;
        changed(false);
    }

    /** {@code ip link set PORT master BRIDGE} for a Linux bridge ({@code ip link add NAME type bridge}). */
    public void attachToBridge(String name, String bridge) {
        NetdevState nd = require(name);
        NetdevState br = require(bridge);
        if (!"bridge".equals(br.linkKind)) throw new KernelError(Errno.EOPNOTSUPP);
        if (nd.master == br.ifindex) return;
        if (nd.master != 0 || nd == br) throw new KernelError(Errno.EBUSY, "Device is already in use.");
        nd.master = br.ifindex;
        nd.slaveKind = "bridge";
        nd.promiscuity = 1;
        changed(false);
    }

    public void detachFromSwitch(String name) {
        NetdevState nd = require(name);
        if (!"openvswitch".equals(nd.slaveKind) && !"bridge".equals(nd.slaveKind)) return;
        nd.master = 0;
        nd.slaveKind = null;
        nd.promiscuity = 0;
        changed(false);
    }

    /** {@code ip link add NAME type bond mode M ...} and enslaving SLAVES; returns the drivers' warnings. */
    public List<String> createBond(String name, String mode, Map<String, String> options, List<String> slaves) {
        bonding.create(name, mode, options);
        List<String> warnings = new ArrayList<>();
        for (String s : slaves) warnings.addAll(enslave(s, name));
        return warnings;
    }

    public void deleteBond(String name) {
        NetdevState nd = require(name);
        if (nd.kind != NetdevKind.BOND) throw new KernelError(Errno.EOPNOTSUPP);
        bonding.delete(nd);
    }

    /** {@code ip link set SLAVE master BOND}; returns extended-ack warnings (mlx5 LAG) the kernel sent back. */
    public List<String> enslave(String slave, String master) {
        return bonding.enslave(require(slave), require(master));
    }

    /** {@code ip link set SLAVE nomaster}. */
    public void release(String slave) {
        NetdevState nd = require(slave);
        if (nd.master == 0) return;
        NetdevState m = netdev(nd.master);
        if (m != null && m.kind == NetdevKind.BOND) bonding.release(m, nd);
        else detachFromSwitch(slave);
    }

    // ---- public API: NIC --------------------------------------------------------------------------

    /** {@code devlink dev eswitch set pci/PF [mode M] [inline-mode I] [encap-mode E]} (nulls: unchanged). */
    public void setEswitch(String pfPci, String mode, String inlineMode, String encapMode) {
        eswitch.set(pfPci, mode, inlineMode, encapMode);
    }

    /**
     * {@code ip link set PF vf N KEY VALUE} (keys: mac, vlan "V" or "V:QOS", spoofchk, trust, state,
     * max_tx_rate, min_tx_rate). mlx5 rules (eswitch.c, legacy.c): VF index out of range or vlan &gt; 4095,
     * qos &gt; 7, a multicast MAC: EINVAL; a non-zero VLAN in switchdev mode: EOPNOTSUPP (VLAN 0 is accepted
     * "for compatibility with libvirt"); spoofchk and trust in switchdev mode: EOPNOTSUPP.
     */
    public void setVf(String pfNetdev, int index, String key, String value) {
        NetdevState nd = require(pfNetdev);
        PciRef pf = pfOf(nd);
        if (pf == null) throw new KernelError(Errno.EOPNOTSUPP);
        if (index < 0 || index >= pf.pf().numVfs) throw new KernelError(Errno.EINVAL);
        VfState vf = pf.pf().vfs.get(index);
        Map<Integer, Boolean> before = vfCarriers();
        switch (key) {
            case "mac" -> {
                String mac = normaliseMac(value);
                if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) throw new KernelError(Errno.EINVAL);
                vf.mac = mac;
                NetdevState vfNd = vf.netdev == 0 ? null : netdev(vf.netdev);
                if (vfNd != null && !mac.equals("00:00:00:00:00:00")) vfNd.mac = mac;
            }
            case "vlan" -> {
                String[] vq = value.split(":");
                int vlan = Integer.parseInt(vq[0]);
                int qos = vq.length > 1 ? Integer.parseInt(vq[1]) : 0;
                if (vlan < 0 || vlan > 4095 || qos < 0 || qos > 7) throw new KernelError(Errno.EINVAL);
                if ("switchdev".equals(pf.pf().eswitch) && profile(pf.card()).mlx5()) {
                    if (vlan == 0) return;
                    throw new KernelError(Errno.EOPNOTSUPP);
                }
                vf.vlan = vlan;
                vf.qos = qos;
            }
            case "spoofchk", "trust" -> {
                // mlx5 eswitch.c mlx5_eswitch_set_vport_spoofchk/_trust: -EOPNOTSUPP unless the e-switch is legacy
                if ("switchdev".equals(pf.pf().eswitch) && profile(pf.card()).mlx5()) throw new KernelError(Errno.EOPNOTSUPP);
                if (key.equals("trust")) vf.trust = value.equals("on");
                else vf.spoofchk = value.equals("on");
            }
            case "state" -> {
                if (!value.equals("auto") && !value.equals("enable") && !value.equals("disable")) throw new KernelError(Errno.EINVAL);
                vf.linkState = value;
            }
            case "max_tx_rate" -> {
                int r = Integer.parseInt(value);
                if (r < 0 || (r > 0 && r < vf.minTxRate)) throw new KernelError(Errno.EINVAL);
                vf.maxTxRate = r;
            }
            case "min_tx_rate" -> {
                int r = Integer.parseInt(value);
                if (r < 0 || (vf.maxTxRate > 0 && r > vf.maxTxRate)) throw new KernelError(Errno.EINVAL);
                vf.minTxRate = r;
            }
            default -> throw new KernelError(Errno.EOPNOTSUPP);
        }
        changed(false);
        vfCarrierChanges(before);
    }

    /** A fault: the physical link of a port (by PF PCI address or netdev) goes down or comes back. */
    public void setPortLink(String pfPciOrNetdev, boolean up) {
        PciRef r = resolvePf(pfPciOrNetdev);
        PfState pf = r.pf();
        if (pf.portUp == up) return;
        NetdevState nd = netdev(pf.netdev);
        boolean before = nd != null && carrier(nd);
        Map<Integer, Boolean> vfLinks = vfCarriers();
        pf.portUp = up;
        changed(false);
        boolean after = nd != null && carrier(nd);
        if (nd != null && before != after) {
            netLog(nd, after ? "Link up" : "Link down");
            if (nd.master != 0) bonding.onSlaveCarrier(nd, before, after);
        }
        lag.evaluate(r.card());
        vfCarrierChanges(vfLinks);
    }

    PciRef resolvePf(String pfPciOrNetdev) {
        Optional<PciRef> byPci = pci(pfPciOrNetdev).filter(PciRef::isPf);
        if (byPci.isPresent()) return byPci.get();
        return netdev(pfPciOrNetdev).map(this::pfOf)
                .orElseThrow(() -> new KernelError(Errno.ENODEV, "no PF " + pfPciOrNetdev));
    }

    /**
     * Whether a VF's traffic reaches the wire. Its own port when that port's link is up; the other
     * port only through an active hardware LAG (notes/proxmox-api-and-vf-lag.md §7, and the guide's
     * readers: under an Open vSwitch bond, VFs of the failed port's PF lose connectivity). In switchdev
     * mode the VF's link also follows its representor's admin state (Documentation/networking/representors.rst).
     */
    public VfConnectivity vfConnectivity(String vfPci) {
        PciRef r = pci(vfPci).filter(PciRef::isVf).orElse(null);
        if (r == null) return new VfConnectivity(vfPci, false, "no such VF");
        return vfConnectivity(r);
    }

    VfConnectivity vfConnectivity(PciRef r) {
        VfState vf = r.vf();
        String pci = r.pci();
        if ("disable".equals(vf.linkState)) return new VfConnectivity(pci, false, "link-state disable");
        if ("switchdev".equals(r.pf().eswitch)) {
            NetdevState rep = vf.representor == 0 ? null : netdev(vf.representor);
            if (rep == null) return new VfConnectivity(pci, false, "no representor");
            if (!rep.up) return new VfConnectivity(pci, false, "representor " + rep.name + " is down");
        }
        int port = r.pf().function;
        if (r.pf().portUp) return new VfConnectivity(pci, true, "through port p" + port);
        LagState lagState = r.card().lag;
        if (lagState.active) {
            for (PfState other : r.card().pfs) {
                if (other != r.pf() && other.portUp) {
                    return new VfConnectivity(pci, true, "port p" + port + " is down; the hardware LAG carries it through port p" + other.function);
                }
            }
            return new VfConnectivity(pci, false, "all ports are down");
        }
        return new VfConnectivity(pci, false, "port p" + port + " is down and no hardware LAG is active"
                + " (an Open vSwitch bond cannot move VF traffic to the other port)");
    }

    /** The carrier of every VF netdev, to log link changes after an operation. */
    Map<Integer, Boolean> vfCarriers() {
        Map<Integer, Boolean> m = new HashMap<>();
        for (NetdevState n : state.netdevs) if (n.kind == NetdevKind.VF) m.put(n.ifindex, carrier(n));
        return m;
    }

    void vfCarrierChanges(Map<Integer, Boolean> before) {
        for (NetdevState n : state.netdevs) {
            if (n.kind != NetdevKind.VF) continue;
            Boolean b = before.get(n.ifindex);
            boolean a = carrier(n);
            if (b != null && b != a) netLog(n, a ? "Link up" : "Link down");
        }
    }

    static String normaliseMac(String mac) {
        String m = mac.strip().toLowerCase(Locale.ROOT);
        if (!m.matches("[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}")) throw new KernelError(Errno.EINVAL);
        StringBuilder sb = new StringBuilder();
        for (String p : m.split(":")) {
            if (sb.length() > 0) sb.append(':');
            sb.append(p.length() == 1 ? "0" + p : p);
        }
        return sb.toString();
    }
}
