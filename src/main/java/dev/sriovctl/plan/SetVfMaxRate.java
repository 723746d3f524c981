package dev.sriovctl.plan;

/**
 * Sets a VF's maximum transmit rate in Mbit/s ({@code max_tx_rate}; mlx5 accepts it in both modes).
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfMaxRate(String pfNetdev, int vf, int mbps, Integer previous, String reason) implements VfLinkSetting {

    @Override
    public String key() {
        return "max_tx_rate";
    }

    @Override
    public String label() {
        return "max-rate";
    }

    @Override
    public String wanted() {
        return VfLinkSetting.number(mbps);
    }

    @Override
    public String found() {
        return VfLinkSetting.number(previous);
    }
}
