package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Linux bonding (drivers/net/bonding/bond_main.c): bond masters, enslaving and releasing, carrier
 * changes and active-backup failover, with the messages the bonding driver prints
 * ("bond0: (slave enp8s0f1): Enslaving as a backup interface with an up link", as quoted in a
 * linux-rdma patch log; "link status definitely down, disabling slave").
 */
final class Bonding {

    static final List<String> MODES = List.of("balance-rr", "active-backup", "balance-xor", "broadcast",
            "802.3ad", "balance-tlb", "balance-alb");
    static final List<String> HASH_POLICIES = List.of("layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac");

    private final SimKernel k;

    Bonding(SimKernel k) {
        this.k = k;
    }

    /** A mode name or number ("802.3ad", "4") as bonding's option parser accepts it. */
    static String mode(String m) {
        if (m == null) return "balance-rr";
        if (m.matches("\\d")) {
            int i = Integer.parseInt(m);
            if (i < MODES.size()) return MODES.get(i);
        }
        if (MODES.contains(m)) return m;
        throw new KernelError(Errno.EINVAL, "invalid bond mode " + m);
    }

    NetdevState create(String name, String modeName, Map<String, String> options) {
        if (!NetNaming.valid(name)) throw new KernelError(Errno.EINVAL);
        if (k.netdev(name).isPresent()) throw new KernelError(Errno.EEXIST);
        String mode = mode(modeName);
        NetdevState nd = k.createNetdev(NetdevKind.BOND, null, name, Ids.randomMac("bond/" + name), "bonding", 65535);
        nd.linkKind = "bond";
        nd.bond.put("mode", mode);
        nd.bond.put("miimon", "0");
        nd.bond.put("xmit_hash_policy", "layer2");
        nd.bond.put("lacp_rate", "slow");
        nd.bond.put("updelay", "0");
        nd.bond.put("downdelay", "0");
        nd.bond.put("slaves", "");
        nd.bond.put("active_slave", "");
        if (options != null) {
            for (Map.Entry<String, String> e : options.entrySet()) {
                String key = e.getKey().replace('-', '_');
                String v = e.getValue();
                switch (key) {
                    case "mode" -> nd.bond.put("mode", mode(v));
                    case "xmit_hash_policy" -> {
                        if (!HASH_POLICIES.contains(v)) throw new KernelError(Errno.EINVAL);
                        nd.bond.put(key, v);
                    }
                    case "lacp_rate" -> {
                        if (!v.equals("slow") && !v.equals("fast") && !v.equals("0") && !v.equals("1")) throw new KernelError(Errno.EINVAL);
                        nd.bond.put(key, v.equals("1") ? "fast" : v.equals("0") ? "slow" : v);
                    }
                    case "miimon", "updelay", "downdelay" -> {
                        if (!v.matches("\\d+")) throw new KernelError(Errno.EINVAL);
                        nd.bond.put(key, v);
                    }
                    default -> nd.bond.put(key, v);
                }
            }
        }
        return nd;
    }

    List<String> slaves(NetdevState bond) {
        String s = bond.bond.getOrDefault("slaves", "");
        return s.isBlank() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(s.split(" ")));
    }

    private void setSlaves(NetdevState bond, List<String> names) {
        bond.bond.put("slaves", String.join(" ", names));
    }

    List<String> enslave(NetdevState slave, NetdevState bond) {
        if (bond.kind != NetdevKind.BOND) throw new KernelError(Errno.EOPNOTSUPP);
        if (slave.master == bond.ifindex) return List.of();
        if (slave.master != 0 || slave == bond) {
            throw new KernelError(Errno.EBUSY, "Device is in use and cannot be enslaved");
        }
        List<String> names = slaves(bond);
        if (names.isEmpty()) bond.mac = slave.mac;
        names.add(slave.name);
        setSlaves(bond, names);
        slave.master = bond.ifindex;
        slave.slaveKind = "bond";
        slave.mtu = Math.min(bond.mtu, slave.maxMtu);
        slave.up = true; // bond_enslave opens the slave
        slave.qdisc = true;
        k.changed(false);
        boolean link = k.carrier(slave);
        String mode = bond.bond.get("mode");
        boolean active;
        if (mode.equals("active-backup")) {
            if (bond.bond.get("active_slave").isEmpty() && link) {
                bond.bond.put("active_slave", slave.name);
                k.log.log(bond.name + ": (slave " + slave.name + "): making interface the new active one");
            }
            active = slave.name.equals(bond.bond.get("active_slave"));
        } else {
            active = !mode.equals("802.3ad");
        }
        k.log.log(bond.name + ": (slave " + slave.name + "): Enslaving as " + (active ? "an active" : "a backup")
                + " interface with " + (link ? "an up" : "a down") + " link");
        List<String> warnings = new ArrayList<>(k.lag.enslaveWarnings(slave, bond));
        k.lag.evaluateFor(slave);
        return warnings;
    }

    void release(NetdevState bond, NetdevState slave) {
        releaseInternal(bond, slave);
        slave.master = 0;
        slave.slaveKind = null;
        k.changed(false);
        k.lag.evaluateFor(slave);
    }

    /** Bookkeeping and messages of a release; the caller clears the slave's master. */
    void releaseInternal(NetdevState bond, NetdevState slave) {
        List<String> names = slaves(bond);
        if (!names.remove(slave.name)) return;
        setSlaves(bond, names);
        boolean wasActive = slave.name.equals(bond.bond.get("active_slave"));
        String mode = bond.bond.get("mode");
        boolean active = mode.equals("active-backup") ? wasActive : !mode.equals("802.3ad");
        k.log.log(bond.name + ": (slave " + slave.name + "): Releasing " + (active ? "active" : "backup") + " interface");
        if (wasActive) {
            bond.bond.put("active_slave", "");
            failover(bond);
        }
    }

    void delete(NetdevState bond) {
        for (String s : slaves(bond)) {
            k.netdev(s).ifPresent(nd -> release(bond, nd));
        }
        k.removeNetdev(bond);
    }

    void onSlaveCarrier(NetdevState slave, boolean before, boolean after) {
        if (before == after) return;
        NetdevState bond = k.netdev(slave.master);
        if (bond == null || bond.kind != NetdevKind.BOND) return;
        if (after) {
            int speed = speedOf(slave);
            k.log.log(bond.name + ": (slave " + slave.name + "): link status definitely up, " + speed + " Mbps full duplex");
            if (bond.bond.get("active_slave").isEmpty()) failover(bond);
        } else {
            k.log.log(bond.name + ": (slave " + slave.name + "): link status definitely down, disabling slave");
            if (slave.name.equals(bond.bond.get("active_slave"))) {
                bond.bond.put("active_slave", "");
                failover(bond);
            }
        }
        k.changed(false);
    }

    private void failover(NetdevState bond) {
        if (!"active-backup".equals(bond.bond.get("mode"))) return;
        for (String s : slaves(bond)) {
            NetdevState nd = k.netdev(s).orElse(null);
            if (nd != null && k.carrier(nd)) {
                bond.bond.put("active_slave", s);
                k.log.log(bond.name + ": (slave " + s + "): making interface the new active one");
                return;
            }
        }
    }

    /** Whether a slave transmits: any slave with carrier in hash modes, only the active one in active-backup. */
    boolean txEnabled(NetdevState bond, NetdevState slave) {
        if (!k.carrier(slave)) return false;
        if ("active-backup".equals(bond.bond.get("mode"))) return slave.name.equals(bond.bond.get("active_slave"));
        return true;
    }

    private int speedOf(NetdevState slave) {
        PciRef r = k.pfOf(slave);
        return r == null ? 10000 : SimKernel.profile(r.card()).speedMbps();
    }
}
