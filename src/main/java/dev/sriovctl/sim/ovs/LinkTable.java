package dev.sriovctl.sim.ovs;

import java.util.List;
import java.util.Optional;

/**
 * What the Open vSwitch and ifupdown2 emulation need from the simulated kernel: the network devices
 * (netdevs) by name, and the few changes ovs-vswitchd and ifupdown2 make to them over netlink.
 *
 * <p>The simulated host implements this over its kernel model (representors, PF uplinks, VFs, Linux bonds,
 * OVS internal ports); {@link InMemoryLinkTable} is a plain implementation for tests. Every refusal throws
 * {@link LinkException} carrying the kernel's own message (as {@code ip} prints it after "Error: ").
 */
public interface LinkTable {

    /** Whether a netdev of that name exists. */
    boolean exists(String name);

    /** A netdev's state, or empty when it does not exist. */
    Optional<Link> link(String name);

    /** Names of all netdevs, sorted. */
    List<String> names();

    /** {@code ip link set NAME up|down}. Absent netdev: {@link LinkException} "Cannot find device". */
    void setAdminUp(String name, boolean up);

    /**
     * {@code ip link set NAME mtu N}. Refused above the device's max MTU with the kernel's extack message
     * "mtu greater than device maximum" (net/core/dev.c dev_validate_mtu), below 68 with "mtu less than device minimum".
     */
    void setMtu(String name, int mtu);

    /** {@code ip addr add CIDR dev NAME}; adding an address already present is refused with "File exists" (EEXIST). */
    void addAddress(String name, String cidr);

    /** {@code ip addr del CIDR dev NAME}; an absent address is refused with "Cannot assign requested address". */
    void removeAddress(String name, String cidr);

    /**
     * Creates a Linux bond ({@code ip link add NAME type bond mode M miimon N xmit_hash_policy P lacp_rate R})
     * and enslaves {@code slaves} to it. The kernel/driver may refuse (e.g. the bonding module is absent) with
     * its message. Hardware-LAG side effects (mlx5 VF-LAG) are the implementation's business.
     */
    void createLinuxBond(LinuxBond bond);

    /** Deletes a Linux bond (its slaves are released first, as the kernel does). */
    void deleteLinuxBond(String name);

    /**
     * Creates a Linux bridge ({@code ip link add NAME type bridge}) with {@code ports} as its ports (ifupdown2's
     * {@code bridge-ports}). Optional: the default refuses, for a kernel model without Linux bridges.
     */
    default void createLinuxBridge(String name, List<String> ports) {
        throw new LinkException("Operation not supported");
    }

    /** Deletes a Linux bridge; its ports are released. */
    default void deleteLinuxBridge(String name) {
        throw new LinkException("Operation not supported");
    }

    /** {@code ip link set SLAVE master BOND}. */
    void enslave(String bond, String slave);

    /** {@code ip link set SLAVE nomaster}. */
    void release(String slave);

    /**
     * Creates the kernel netdev of an OVS internal port (ovs-vswitchd does this for {@code type=internal}
     * interfaces, the bridge's own port included, on the kernel datapath). {@code mac} is its address.
     */
    void createOvsInternal(String name, String mac);

    /** Deletes an OVS internal port's netdev (when its Interface row goes away or vswitchd exits with --cleanup). */
    void deleteOvsInternal(String name);

    /**
     * A netdev as {@code ip -d link show} would describe it.
     *
     * @param adminUp   IFF_UP
     * @param carrier   physical link (lower layer) up
     * @param operstate "UP", "DOWN", "LOWERLAYERDOWN", "UNKNOWN"...
     * @param maxMtu    the driver's max_mtu (9978 on mlx5)
     * @param kind      "" for a physical device or representor, "bond", "openvswitch" (OVS internal), "veth"...
     * @param driver    the driver ethtool -i reports (mlx5_core, mlx5e_rep, openvswitch, bonding...), "" if unknown
     * @param master    the bond this netdev is enslaved to, or null
     * @param tcOffload whether TC flower rules on it can be offloaded to hardware (mlx5 switchdev uplinks and representors)
     */
    record Link(String name, int ifindex, boolean adminUp, boolean carrier, String operstate, int mtu, int maxMtu,
                String mac, String kind, String driver, String master, List<String> addresses, boolean tcOffload) {
        public Link {
            addresses = List.copyOf(addresses);
        }
    }

    /** A Linux bond as ifupdown2 creates it from bond-* keywords. */
    record LinuxBond(String name, List<String> slaves, String mode, int miimon, String xmitHashPolicy, String lacpRate) {
        public LinuxBond {
            slaves = List.copyOf(slaves);
        }
    }
}
