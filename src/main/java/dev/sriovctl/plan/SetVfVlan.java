package dev.sriovctl.plan;

/**
 * Sets a VF's VLAN in legacy mode ({@code ip link set dev PF vf N vlan V}). In switchdev mode mlx5 refuses it (esw/legacy.c), and the VLAN is the tag of the representor's OVS port instead.
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfVlan(String pfNetdev, int vf, int vlan, Integer previous, String reason) implements VfLinkSetting {

    @Override
    public String key() {
        return "vlan";
    }

    @Override
    public String wanted() {
        return VfLinkSetting.number(vlan);
    }

    @Override
    public String found() {
        return VfLinkSetting.number(previous);
    }
}
