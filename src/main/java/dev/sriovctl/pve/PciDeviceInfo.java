package dev.sriovctl.pve;

import dev.sriovctl.host.Host;

import java.util.Optional;

/**
 * What PVE reads of a PCI device to check a mapping entry: pve-common SysFSTools.pm
 * {@code pci_device_info($name, 1)} takes {@code vendor}/{@code device} (the device is not found
 * unless they start with 0x, which is stripped), {@code subsystem_vendor}/{@code subsystem_device}
 * (0x stripped when present), the number at the end of the {@code iommu_group} link, and whether
 * {@code mdev_supported_types} exists. Values are kept as sysfs writes them (lower-case hex),
 * because PVE compares strings.
 *
 * @param iommugroup null when the device has no IOMMU group (IOMMU off)
 */
public record PciDeviceInfo(String pci, String vendor, String device, String subsystemVendor, String subsystemDevice,
                            String iommugroup, boolean mdev) {

    /**
     * Reads a device from sysfs through the host. PVE also requires a numeric {@code irq} file; a
     * snapshot does not record it, so only a present but non-numeric one counts as "not found".
     */
    public static Optional<PciDeviceInfo> read(Host host, String pci) {
        String dir = "/sys/bus/pci/devices/" + pci;
        if (!host.exists(dir)) return Optional.empty();
        Optional<String> irq = host.read(dir + "/irq").map(String::strip);
        if (irq.isPresent() && !irq.get().matches("\\d+")) return Optional.empty();
        Optional<String> vendor = hex(host, dir + "/vendor");
        Optional<String> device = hex(host, dir + "/device");
        if (vendor.isEmpty() || device.isEmpty()) return Optional.empty();
        String group = host.readLink(dir + "/iommu_group").map(t -> t.replaceAll("/+$", ""))
                .filter(t -> t.matches(".*/\\d+$")).map(t -> String.valueOf(Integer.parseInt(t.substring(t.lastIndexOf('/') + 1)))).orElse(null);
        return Optional.of(new PciDeviceInfo(pci, vendor.get(), device.get(), stripped(host, dir + "/subsystem_vendor"),
                stripped(host, dir + "/subsystem_device"), group, host.isDirectory(dir + "/mdev_supported_types")));
    }

    private static Optional<String> hex(Host host, String path) {
        return host.read(path).map(s -> s.lines().findFirst().orElse("").strip())
                .filter(s -> s.startsWith("0x")).map(s -> s.substring(2));
    }

    private static String stripped(Host host, String path) {
        return host.read(path).map(s -> s.lines().findFirst().orElse("").strip()).map(s -> s.replaceFirst("^0x", "")).orElse(null);
    }

    String id() {
        return vendor + ":" + device;
    }

    String subsystemId() {
        return subsystemVendor == null || subsystemDevice == null ? null : subsystemVendor + ":" + subsystemDevice;
    }
}
