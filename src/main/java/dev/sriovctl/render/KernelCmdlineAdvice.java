package dev.sriovctl.render;

import dev.sriovctl.observe.Iommu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to add to the kernel command line for VF passthrough. Printed, never edited: the boot
 * loader setup (GRUB or proxmox-boot-tool / systemd-boot) belongs to the administrator.
 */
public final class KernelCmdlineAdvice {
    private KernelCmdlineAdvice() {
    }

    /** The advice, or an empty list when the command line already has what VFs need. */
    public static List<String> advise(Iommu iommu, String cmdline) {
        List<String> words = cmdline == null ? List.of() : Arrays.asList(cmdline.strip().split("\\s+"));
        boolean enabled = iommu != null && Boolean.TRUE.equals(iommu.enabled());
        boolean forced = words.contains("intel_iommu=on") || words.contains("amd_iommu=on");
        boolean passthrough = words.contains("iommu=pt");
        List<String> missing = new ArrayList<>();
        if (!enabled && !forced) missing.add("intel_iommu=on (Intel CPUs; AMD enables its IOMMU by default, amd_iommu=on where the BIOS needs it)");
        if (!passthrough && cmdline != null) missing.add("iommu=pt (host devices skip IOMMU translation; VFs given to VMs keep it)");
        if (missing.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        out.add((enabled ? "recommended" : "required for passing VFs to VMs") + ": add to the kernel command line: "
                + String.join("; ", missing));
        out.add("GRUB: GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, then update-grub; systemd-boot (ZFS root): /etc/kernel/cmdline, then proxmox-boot-tool refresh; then reboot. sriovctl never edits these.");
        return out;
    }
}
