package dev.sriovctl.observe;

import java.util.List;

/**
 * A physical function: an SR-IOV capable PCI function with its netdev (the uplink representor
 * in switchdev mode) and its VFs.
 *
 * @param maxMtu      from {@code ip -d -j link} ({@code max_mtu}); null when not recorded
 * @param master      the netdev's upper device ({@code ovs-system}, a bond), or null
 * @param vfDeviceId  {@code sriov_vf_device}: the device id its VFs will have
 */
public record Pf(
        String pci,
        String netdev,
        String driver,
        String vendorId,
        String deviceId,
        String subsystemId,
        String switchId,
        String portName,
        EswitchMode eswitchMode,
        String inlineMode,
        String encapMode,
        Integer totalVfs,
        Integer numVfs,
        Integer sriovOffset,
        Integer sriovStride,
        String vfDeviceId,
        Integer mtu,
        Integer maxMtu,
        String mac,
        String operstate,
        String master,
        Integer iommuGroup,
        Integer numaNode,
        String firmwareVersion,
        List<Vf> vfs) {

    public Pf {
        vfs = List.copyOf(vfs);
    }

    /** The PF's port number from its {@code phys_port_name} ({@code p0} -> 0), or null. */
    public Integer portNumber() {
        if (portName == null || !portName.matches("p\\d+")) return null;
        return Integer.parseInt(portName.substring(1));
    }
}
