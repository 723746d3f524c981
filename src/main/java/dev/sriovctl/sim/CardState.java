package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/** One simulated NIC (a PCI slot with one or two PFs). */
final class CardState {
    String profile;
    /** Domain, bus and device: {@code 0000:81:00}. */
    String slot;
    /** Where the card sits below {@code /sys/devices}: {@code pci0000:80/0000:80:03.1}. */
    String parent;
    /** PF0's MAC; PF n has MAC + n. */
    String mac;
    /** phys_switch_id of the e-switch (16 hex digits). */
    String switchId;
    String firmware;
    /** sriov_totalvfs of each PF (firmware NUM_OF_VFS). */
    int totalVfs;
    /**
     * Firmware that refuses switchdev once VFs exist ("bad resource state(0x9)", seen on some
     * ConnectX-6 Lx firmware: k8snetworkplumbingwg/sriov-network-operator#1015).
     */
    boolean switchdevBeforeVfsQuirk;
    /** Whether the NIC can share one FDB across ports in a LAG (firmware caps; notes §7). */
    boolean sharedFdb = true;
    List<PfState> pfs = new ArrayList<>();
    LagState lag = new LagState();
}
