package dev.sriovctl.observe;

import java.util.List;

/**
 * One netdev as {@code ip -d -j link show} reports it (only the fields sriovctl uses).
 *
 * @param kind      {@code linkinfo.info_kind} (bond, veth, openvswitch, ...) or null
 * @param slaveKind {@code linkinfo.info_slave_kind} (openvswitch, bond) or null
 */
public record ObservedLink(String name, Integer ifindex, Integer mtu, Integer maxMtu, String operstate,
                           String address, String master, String kind, String slaveKind, String portName,
                           String switchId, String parentDev, List<String> flags, List<VfSettings> vfs) {

    public ObservedLink {
        flags = flags == null ? List.of() : List.copyOf(flags);
        vfs = vfs == null ? List.of() : List.copyOf(vfs);
    }

    /** One entry of a PF's {@code vfinfo_list}. */
    public record VfSettings(int vf, String mac, Integer vlan, Integer qos, Boolean spoofchk, Boolean trust,
                             String linkState, Integer maxTxRate) {
    }
}
