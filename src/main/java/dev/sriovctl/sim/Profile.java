package dev.sriovctl.sim;

/**
 * A NIC model the simulator can build: PCI ids, SR-IOV layout and limits, and the driver's
 * behaviour switches. Values come from the sources named in {@link Profiles}.
 *
 * @param family         {@code mlx5} or {@code ice}: which driver rules apply
 * @param firstVfRid     routing id of PF0's first VF ({@code 2} on a 2-port ConnectX: VF0 at 00.2)
 * @param defaultTotalVfs sriov_totalvfs as shipped (firmware NUM_OF_VFS)
 * @param maxTotalVfs    the most VFs per PF the firmware can be set to
 * @param inlineMode     devlink inline-mode the e-switch reports; null when the driver reports none
 * @param encapMode      devlink encap-mode; null when the driver reports none
 * @param lag            whether the two ports can form a hardware LAG (mlx5 2-port)
 */
public record Profile(
        String name,
        String model,
        String family,
        String pfDriver,
        String vfDriver,
        String vendor,
        String pfDevice,
        String vfDevice,
        String subsystemVendor,
        String subsystemDevice,
        int ports,
        int firstVfRid,
        int defaultTotalVfs,
        int maxTotalVfs,
        int minMtu,
        int maxMtu,
        String inlineMode,
        String encapMode,
        String firmware,
        int speedMbps,
        int numTxQueues,
        int numRxQueues,
        boolean lag) {

    public boolean mlx5() {
        return family.equals("mlx5");
    }

    /** sriov_offset of PF {@code function}: its VFs follow the previous PFs' VFs (see {@link Profiles}). */
    public int vfOffset(int function, int totalVfsPerPf) {
        return firstVfRid + function * totalVfsPerPf - function;
    }

    /** SR-IOV stride: consecutive routing ids on every NIC modelled here. */
    public int vfStride() {
        return 1;
    }
}
