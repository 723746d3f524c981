package dev.sriovctl.plan;

/** The kernel paths steps write and probe. */
final class SysPaths {
    private SysPaths() {
    }

    static String device(String pci) {
        return "/sys/bus/pci/devices/" + pci;
    }

    static String numVfs(String pfPci) {
        return device(pfPci) + "/sriov_numvfs";
    }

    static String virtfn(String pfPci, int index) {
        return device(pfPci) + "/virtfn" + index;
    }

    /** Through the device's own driver link: exists only while bound. */
    static String unbind(String pci) {
        return device(pci) + "/driver/unbind";
    }

    static String driverLink(String pci) {
        return device(pci) + "/driver";
    }

    static String driverOverride(String pci) {
        return device(pci) + "/driver_override";
    }

    static String driversProbe() {
        return "/sys/bus/pci/drivers_probe";
    }

    static String bind(String driver) {
        return "/sys/bus/pci/drivers/" + driver + "/bind";
    }

    static String netdev(String name) {
        return "/sys/class/net/" + name;
    }

    static String lagState(String pfPci) {
        return "/sys/kernel/debug/mlx5/" + pfPci + "/lag/state";
    }
}
