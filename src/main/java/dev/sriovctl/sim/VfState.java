package dev.sriovctl.sim;

/** A virtual function: its PCI device, e-switch vport settings and netdevs. */
final class VfState {
    int index;
    String driver;
    String driverOverride;
    /** The administrative MAC the PF sets ({@code ip link set PF vf N mac}); zero until set. */
    String mac = "00:00:00:00:00:00";
    int vlan;
    int qos;
    boolean spoofchk;
    boolean trust;
    /** {@code auto}, {@code enable} or {@code disable}. */
    String linkState = "auto";
    int maxTxRate;
    int minTxRate;
    /** -1 until the VF is added to a group (or without an IOMMU). */
    int iommuGroup = -1;
    /** The VF's own netdev while a host driver (mlx5_core, iavf) is bound; 0 when none. */
    int netdev;
    /** Its representor in switchdev mode; 0 when none. */
    int representor;
}
