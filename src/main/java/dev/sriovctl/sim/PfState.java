package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/** A physical function and its e-switch. */
final class PfState {
    int function;
    /** Bound driver, or null. */
    String driver;
    String driverOverride;
    /** {@code legacy} or {@code switchdev}. */
    String eswitch = "legacy";
    String inlineMode;
    String encapMode;
    int numVfs;
    boolean autoprobe = true;
    int iommuGroup;
    /** The PF netdev (uplink representor in switchdev), by ifindex; 0 when none. */
    int netdev;
    /** The physical port's link (cable and partner); a fault sets it down. */
    boolean portUp = true;
    /** sriov_offset when it does not follow the profile's rule (a twin of a captured host); -1 otherwise. */
    int vfOffset = -1;
    List<VfState> vfs = new ArrayList<>();
}
