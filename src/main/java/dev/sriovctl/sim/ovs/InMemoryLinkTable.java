package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plain {@link LinkTable} for tests and for the OVS/ifupdown2 emulation on its own: netdevs are records
 * in a map, nothing else happens (no VF-LAG, no udev). Linux bonds are accepted for the modes the bonding
 * driver knows. {@link #add} and {@link #setCarrier} stand in for hardware appearing and cables.
 */
public final class InMemoryLinkTable implements LinkTable {
    private final TreeMap<String, Link> links = new TreeMap<>();
    private int nextIfindex = 2;

    /** Adds a physical-like netdev (admin down, carrier up, mtu 1500). */
    public InMemoryLinkTable add(String name, String mac, int maxMtu, String driver, boolean tcOffload) {
        links.put(name, new Link(name, nextIfindex++, false, true, "DOWN", 1500, maxMtu, mac, "", driver, null, List.of(), tcOffload));
        return this;
    }

    /** Adds a veth-like netdev with a MAC derived from its name. */
    public InMemoryLinkTable add(String name) {
        return add(name, macFor(name), 65535, "veth", false);
    }

    public void remove(String name) {
        links.remove(name);
    }

    /** Cable in or out. */
    public void setCarrier(String name, boolean carrier) {
        Link l = require(name);
        put(l, l.adminUp(), carrier, l.mtu(), l.master(), l.addresses());
    }

    @Override
    public boolean exists(String name) {
        return links.containsKey(name);
    }

    @Override
    public Optional<Link> link(String name) {
        return Optional.ofNullable(links.get(name));
    }

    @Override
    public List<String> names() {
        return List.copyOf(links.keySet());
    }

    @Override
    public void setAdminUp(String name, boolean up) {
        Link l = require(name);
        put(l, up, l.carrier(), l.mtu(), l.master(), l.addresses());
    }

    @Override
    public void setMtu(String name, int mtu) {
        Link l = require(name);
        if (mtu > l.maxMtu()) throw new LinkException("mtu greater than device maximum.");
        if (mtu < 68) throw new LinkException("mtu less than device minimum.");
        put(l, l.adminUp(), l.carrier(), mtu, l.master(), l.addresses());
    }

    @Override
    public void addAddress(String name, String cidr) {
        Link l = require(name);
        if (l.addresses().contains(cidr)) throw new LinkException("RTNETLINK answers: File exists");
        List<String> a = new ArrayList<>(l.addresses());
        a.add(cidr);
        put(l, l.adminUp(), l.carrier(), l.mtu(), l.master(), a);
    }

    @Override
    public void removeAddress(String name, String cidr) {
        Link l = require(name);
        if (!l.addresses().contains(cidr)) throw new LinkException("RTNETLINK answers: Cannot assign requested address");
        List<String> a = new ArrayList<>(l.addresses());
        a.remove(cidr);
        put(l, l.adminUp(), l.carrier(), l.mtu(), l.master(), a);
    }

    @Override
    public void createLinuxBond(LinuxBond bond) {
        if (links.containsKey(bond.name())) throw new LinkException("RTNETLINK answers: File exists");
        // drivers/net/bonding/bond_options.c: the modes the bonding driver accepts
        List<String> modes = List.of("balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb",
                "0", "1", "2", "3", "4", "5", "6");
        if (bond.mode() != null && !modes.contains(bond.mode())) throw new LinkException("invalid mode " + bond.mode());
        for (String s : bond.slaves()) require(s);
        links.put(bond.name(), new Link(bond.name(), nextIfindex++, false, true, "DOWN", 1500, 65535, macFor(bond.name()), "bond",
                "bonding", null, List.of(), false));
        for (String s : bond.slaves()) enslave(bond.name(), s);
    }

    @Override
    public void deleteLinuxBond(String name) {
        Link b = require(name);
        if (!"bond".equals(b.kind())) throw new LinkException("Operation not supported");
        for (Link l : List.copyOf(links.values())) if (name.equals(l.master())) release(l.name());
        links.remove(name);
    }

    @Override
    public void createLinuxBridge(String name, List<String> ports) {
        if (links.containsKey(name)) throw new LinkException("RTNETLINK answers: File exists");
        for (String p : ports) require(p);
        links.put(name, new Link(name, nextIfindex++, false, true, "DOWN", 1500, 65535, macFor(name), "bridge", "bridge", null,
                List.of(), false));
        for (String p : ports) enslave(name, p);
    }

    @Override
    public void deleteLinuxBridge(String name) {
        Link b = require(name);
        if (!"bridge".equals(b.kind())) throw new LinkException("Operation not supported");
        for (Link l : List.copyOf(links.values())) if (name.equals(l.master())) release(l.name());
        links.remove(name);
    }

    @Override
    public void enslave(String bond, String slave) {
        Link b = require(bond);
        Link s = require(slave);
        if (!"bond".equals(b.kind()) && !"bridge".equals(b.kind())) throw new LinkException("Operation not supported");
        if (s.master() != null && !s.master().equals(bond)) throw new LinkException("Device or resource busy");
        put(s, s.adminUp(), s.carrier(), s.mtu(), bond, s.addresses());
    }

    @Override
    public void release(String slave) {
        Link s = require(slave);
        put(s, s.adminUp(), s.carrier(), s.mtu(), null, s.addresses());
    }

    @Override
    public void createOvsInternal(String name, String mac) {
        if (links.containsKey(name)) return;
        links.put(name, new Link(name, nextIfindex++, false, true, "DOWN", 1500, 65535, mac, "openvswitch", "openvswitch", null,
                List.of(), false));
    }

    @Override
    public void deleteOvsInternal(String name) {
        Link l = links.get(name);
        if (l != null && "openvswitch".equals(l.kind())) links.remove(name);
    }

    private Link require(String name) {
        Link l = links.get(name);
        if (l == null) throw new LinkException("Cannot find device \"" + name + "\"");
        return l;
    }

    private void put(Link l, boolean up, boolean carrier, int mtu, String master, List<String> addresses) {
        String oper = !up ? "DOWN" : carrier ? "UP" : "LOWERLAYERDOWN";
        links.put(l.name(), new Link(l.name(), l.ifindex(), up, carrier, oper, mtu, l.maxMtu(), l.mac(), l.kind(), l.driver(), master,
                addresses, l.tcOffload()));
    }

    /** A stable locally administered MAC for a name. */
    static String macFor(String name) {
        int h = name.hashCode();
        return String.format("02:%02x:%02x:%02x:%02x:%02x", (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff,
                name.length() & 0xff);
    }
}
