package dev.sriovctl.sim;

/**
 * A PCI function of the machine that is not a simulated NIC (root ports, storage, the onboard
 * management NIC): present in sysfs and IOMMU groups so discovery sees a realistic host.
 *
 * @param parent  the device path below {@code /sys/devices}, e.g. {@code pci0000:80} or {@code pci0000:00/0000:00:1c.5}
 * @param netName the name udev gives its netdev (onboard NICs: eno1), or null when it has none
 */
record PlatformDevice(String pci, String parent, String vendor, String device, String subsystemVendor,
                      String subsystemDevice, String pciClass, String driver, int iommuGroup, String netName) {
}
