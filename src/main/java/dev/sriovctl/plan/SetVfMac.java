package dev.sriovctl.plan;

/**
 * Sets a VF's MAC address through its PF ({@code ip link set dev PF vf N mac X}); mlx5 accepts it in legacy and switchdev mode.
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfMac(String pfNetdev, int vf, String mac, String previous, String reason) implements VfLinkSetting {

    @Override
    public String key() {
        return "mac";
    }

    @Override
    public String wanted() {
        return mac;
    }

    @Override
    public String found() {
        return previous;
    }
}
