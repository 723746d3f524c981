package dev.sriovctl.observe;

import java.util.List;

/**
 * One physical card: its PFs share PCI domain, bus and device ({@code id} = {@code 0000:81:00}).
 *
 * @param family    the driver family: {@code mlx5}, {@code ice}, {@code i40e}, or the PF driver's name
 * @param supported whether sriovctl can configure switchdev on it (mlx5 only); others are listed, not managed
 * @param lag       the hardware LAG state from mlx5 debugfs, or null when not readable
 */
public record Nic(
        String id,
        String model,
        String vendorId,
        String deviceId,
        String family,
        boolean supported,
        List<Pf> pfs,
        Lag lag) {

    public Nic {
        pfs = List.copyOf(pfs);
    }
}
