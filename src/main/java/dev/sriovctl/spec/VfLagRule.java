package dev.sriovctl.spec;

/**
 * The conditions under which mlx5 forms a hardware LAG for VFs (VF-LAG), each with the name sriovctl's
 * messages give it and where it comes from. docs/vf-lag.md lists them for people; the validator refuses a
 * spec that breaks the first ones, the planner the last two (they are about the host's state).
 * Sources: drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c (upstream, read for
 * notes/proxmox-api-and-vf-lag.md section 7), drivers/net/bonding/bond_main.c and bond_options.c.
 */
public enum VfLagRule {
    /** mlx5_handle_changeupper_event: "both its physical ports are slaves of the same lag master, and only them". */
    TWO_PFS_OF_ONE_CARD("vf-lag/two-pfs-of-one-card", "lag.c mlx5_handle_changeupper_event: the bond's slaves are exactly the two PFs of one card"),
    /** mlx5_lag_check_prereq: in offloads (switchdev) mode only MLX5_LAG_OFFLOADS_SUPPORTED_PORTS (2) ports. */
    TWO_PORT_CARD("vf-lag/two-port-card", "lag.c mlx5_lag_check_prereq: a switchdev LAG needs a card with exactly 2 ports"),
    /** Tracker tx_type must be NETDEV_LAG_TX_TYPE_ACTIVEBACKUP or _HASH (bond_main.c bond_lag_tx_type maps the modes). */
    BOND_MODE("vf-lag/bond-mode", "lag.c: TX type active-backup or hash only (bond_lag_tx_type: active-backup, balance-xor, 802.3ad)"),
    /** mlx5_lag_check_prereq: every PF with VFs in switchdev, all e-switches in the same mode. */
    SWITCHDEV("vf-lag/switchdev", "lag.c mlx5_lag_check_prereq: every PF with VFs in switchdev, both PFs in the same mode"),
    /** netif_is_lag_master(upper): only a kernel bond or team is a LAG master; Open vSwitch is not. */
    LINUX_BOND("vf-lag/linux-bond", "lag.c mlx5_handle_changeupper_event: only a kernel LAG master (bond, team) counts; an Open vSwitch bond never does"),
    /** A bond slave's e-switch mode cannot change, and a mode change tears an active LAG down (mlx5_lag_disable_change). */
    SWITCHDEV_BEFORE_BOND("vf-lag/switchdev-before-bond", "both PFs in switchdev before the bond exists (a bonded PF's e-switch is busy; netplan 32b19b8f)"),
    /** mlx5_activate_lag: "Make sure all VFs are unbound prior to VF LAG activation or deactivation". */
    VFS_UNBOUND("vf-lag/vfs-unbound", "lag.c mlx5_activate_lag: no VF bound to a driver while the LAG activates or deactivates"),
    /** bond_options.c: lacp_rate is an 802.3ad-only option (unsuppmodes = all but 802.3ad). */
    LACP_RATE_NEEDS_8023AD("bond/lacp-rate-needs-802.3ad", "bonding: lacp_rate exists only in mode 802.3ad (bond_options.c)"),
    /** Without link monitoring the bond never sees a port fail, so mlx5 never remaps the LAG. */
    LINK_MONITORING("vf-lag/link-monitoring", "bonding: miimon 0 (and no ARP monitor) detects no link failure, so the LAG never fails over");

    private final String id;
    private final String source;

    VfLagRule(String id, String source) {
        this.id = id;
        this.source = source;
    }

    public String id() {
        return id;
    }

    /** The line messages end with: the rule's name, its source, and where it is explained. */
    public String cite() {
        return "rule " + id + " (" + source + "; docs/vf-lag.md)";
    }
}
