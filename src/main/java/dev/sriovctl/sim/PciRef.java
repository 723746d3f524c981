package dev.sriovctl.sim;

/** A PCI function of the simulated machine: a PF, a VF (with its PF) or a platform device. */
record PciRef(String pci, String parent, CardState card, PfState pf, VfState vf, PlatformDevice platform) {

    boolean isPf() {
        return pf != null && vf == null;
    }

    boolean isVf() {
        return vf != null;
    }

    boolean isPlatform() {
        return platform != null;
    }

    String driver() {
        if (vf != null) return vf.driver;
        if (pf != null) return pf.driver;
        return platform.driver();
    }

    String driverOverride() {
        if (vf != null) return vf.driverOverride;
        if (pf != null) return pf.driverOverride;
        return null;
    }

    /** {@code /sys/devices/<parent>/<pci>}. */
    String devicePath() {
        return "/sys/devices/" + parent + "/" + pci;
    }
}
