package dev.sriovctl.spec;

import java.util.List;

/**
 * A Linux bond of both PFs of one NIC in switchdev mode, which the mlx5 driver offloads as one
 * hardware LAG shared by the VFs (VF-LAG); the bond itself is an OVS port of the bridge.
 *
 * @param mode           802.3ad, active-backup or balance-xor: the modes mlx5 lag.c can offload
 * @param xmitHashPolicy {@code bond-xmit-hash-policy}
 */
public record VfLagBondSpec(String name, List<String> members, String mode, Integer miimon, String xmitHashPolicy,
                            String lacpTime) implements BondSpec {

    /** drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c accepts TX types ACTIVEBACKUP and HASH only. */
    public static final List<String> MODES = List.of("802.3ad", "active-backup", "balance-xor");

    public VfLagBondSpec {
        members = List.copyOf(members);
        mode = mode == null ? "802.3ad" : mode;
        miimon = miimon == null ? 100 : miimon;
        xmitHashPolicy = xmitHashPolicy == null ? "layer3+4" : xmitHashPolicy;
        lacpTime = lacpTime == null ? "slow" : lacpTime;
    }

    @Override
    public String type() {
        return "vf-lag";
    }
}
