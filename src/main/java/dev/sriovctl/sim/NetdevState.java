package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A network device of the simulated kernel. */
final class NetdevState {
    int ifindex;
    String name;
    NetdevKind kind;
    /** The PCI device whose {@code net/} directory holds it; null for virtual devices. */
    String pci;
    /** VF index of a representor or a VF netdev; -1 otherwise. */
    int vf = -1;
    String mac;
    int mtu = 1500;
    int minMtu = 68;
    int maxMtu = 9978;
    boolean up;
    /** A qdisc is attached once the device has been up ("noop" before). */
    boolean qdisc;
    /** Upper device (bond, ovs-system), by ifindex; 0 when none. */
    int master;
    /** {@code bond} or {@code openvswitch} while enslaved. */
    String slaveKind;
    /** 1 NET_NAME_ENUM (kernel eth%d), 3 NET_NAME_USER, 4 NET_NAME_RENAMED (linux/netdevice.h). */
    int nameAssignType = 1;
    int promiscuity;
    /** rtnl link kind of a virtual device: {@code bond}, {@code openvswitch}, {@code tun}, {@code bridge}. */
    String linkKind;
    /** Driver name ethtool reports. */
    String driver;
    /** ethtool feature hw-tc-offload (ethtool -K DEV hw-tc-offload on). */
    boolean hwTcOffload;
    int txQueues = 1;
    int rxQueues = 1;
    List<String> addresses = new ArrayList<>();
    /** Bonding settings of a bond master (mode, miimon, xmit_hash_policy, lacp_rate ...). */
    Map<String, String> bond = new TreeMap<>();
}
