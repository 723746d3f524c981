package dev.sriovctl.spec;

/** The driver a VF is bound to: vfio-pci to pass it to a VM, mlx5_core to use it on the host. */
public enum VfDriver {
    VFIO_PCI("vfio-pci"), MLX5_CORE("mlx5_core");

    private final String word;

    VfDriver(String word) {
        this.word = word;
    }

    /** The kernel's driver name, as in {@code /sys/bus/pci/drivers/<name>}. */
    public String driverName() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
