package dev.sriovctl.observe;

import java.util.List;

/**
 * Where the kernel keeps what discovery reads, and which attributes it reads. Capture records
 * exactly these, so a snapshot holds what the observers need and nothing else (never BAR or
 * config-space files). Paths are read one by one, never by walking links: sysfs has cycles
 * (a PF's {@code virtfnN} -> VF, the VF's {@code physfn} -> PF).
 */
public final class SysfsLayout {
    private SysfsLayout() {
    }

    public static final String PCI_DEVICES = "/sys/bus/pci/devices";
    public static final String CLASS_NET = "/sys/class/net";
    public static final String IOMMU_GROUPS = "/sys/kernel/iommu_groups";
    public static final String PCI_DRIVERS = "/sys/bus/pci/drivers";
    public static final String MLX5_DEBUGFS = "/sys/kernel/debug/mlx5";

    /** Attributes of a PCI device directory. */
    public static final List<String> PCI_ATTRS = List.of(
            "vendor", "device", "subsystem_vendor", "subsystem_device", "class", "numa_node",
            "sriov_totalvfs", "sriov_numvfs", "sriov_offset", "sriov_stride", "sriov_vf_device",
            "sriov_drivers_autoprobe", "driver_override");

    /** Symlinks of a PCI device directory (read with readlink, not followed). */
    public static final List<String> PCI_LINKS = List.of("driver", "iommu_group", "physfn");

    /** Attributes of a netdev directory. */
    public static final List<String> NETDEV_ATTRS = List.of(
            "address", "mtu", "operstate", "carrier", "ifindex", "phys_port_name", "phys_switch_id",
            "speed", "name_assign_type", "compat/devlink/mode");

    /** Attributes of a Linux bond ({@code <netdev>/bonding/}). */
    public static final List<String> BONDING_ATTRS = List.of(
            "mode", "slaves", "miimon", "xmit_hash_policy", "lacp_rate", "ad_partner_mac", "active_slave", "mii_status");

    /** Files of the mlx5 hardware LAG in debugfs ({@code <pf>/lag/}). */
    public static final List<String> LAG_FILES = List.of("state", "type", "flags", "port_sel_mode", "mapping", "members");

    public static String pciDevice(String bdf) {
        return PCI_DEVICES + "/" + bdf;
    }

    public static String netdev(String name) {
        return CLASS_NET + "/" + name;
    }
}
