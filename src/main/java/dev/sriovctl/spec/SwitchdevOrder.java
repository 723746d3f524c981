package dev.sriovctl.spec;

/**
 * Which comes first on a PF that goes to switchdev: its VFs or the mode change (docs/plan-order.md).
 * VFS_FIRST is the consensus for mlx5 (sriov-network-operator, os-net-config, NVIDIA's older
 * DOCA pages); SWITCHDEV_FIRST is the fallback for firmware that fails with "bad resource state(0x9)"
 * (sriov-network-operator #1015) and is what NVIDIA's current DOCA page and one-deploy do.
 */
public enum SwitchdevOrder {
    VFS_FIRST("vfs-first"), SWITCHDEV_FIRST("switchdev-first");

    private final String word;

    SwitchdevOrder(String word) {
        this.word = word;
    }

    @Override
    public String toString() {
        return word;
    }
}
