package dev.sriovctl.plan;

/**
 * Sets a VF's spoof checking (legacy mode only: mlx5 refuses it in switchdev, esw/legacy.c).
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfSpoofchk(String pfNetdev, int vf, boolean on, Boolean previous, String reason) implements VfLinkSetting {

    @Override
    public String key() {
        return "spoofchk";
    }

    @Override
    public String wanted() {
        return VfLinkSetting.onOff(on);
    }

    @Override
    public String found() {
        return VfLinkSetting.onOff(previous);
    }
}
