package dev.sriovctl.verify;

import dev.sriovctl.observe.Iommu;
import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogSignature;
import dev.sriovctl.observe.SysfsLayout;

import java.util.List;

/** iommu-enabled: the IOMMU is active, so VFs can be given to VMs (vfio needs IOMMU groups). */
final class IommuEnabledCheck extends DescribedCheck {

    static final String FIX = CheckResult.fix(null,
            "enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the BIOS; on Intel also add intel_iommu=on to the kernel "
                    + "command line (/etc/kernel/cmdline with systemd-boot, GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub), "
                    + "run proxmox-boot-tool refresh (or update-grub) and reboot");

    IommuEnabledCheck() {
        super("iommu-enabled", CheckArea.IOMMU,
                "the IOMMU is active: IOMMU groups exist (DMAR/AMD-Vi lines in the kernel log, kernel command line as needed)",
                "/sys/kernel/iommu_groups, dmesg, /proc/cmdline");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Iommu iommu = ctx.inventory().iommu();
        String groups = ctx.host().originOfFile(SysfsLayout.IOMMU_GROUPS);
        Observed<List<KernelLogLine>> log = ctx.kernelLog();
        String logLine = log.present() ? KernelLogSignature.find(log.value(), KernelLogSignature.Area.IOMMU).stream()
                .findFirst().map(m -> "; kernel log: \"" + m.line().quote() + "\" (" + log.origin() + ")").orElse("") : "";
        String cmdline = ctx.file("/proc/cmdline").map(String::strip).value();
        String cmd = cmdline == null ? "" : "; /proc/cmdline: " + cmdline;
        if (Boolean.TRUE.equals(iommu.enabled())) {
            return List.of(pass("host", iommu.groups() + " IOMMU groups in " + groups + logLine));
        }
        if (Boolean.FALSE.equals(iommu.enabled())) {
            return List.of(fail("host", groups + " is empty: no IOMMU group exists, so no device can be passed to a VM" + logLine + cmd, FIX));
        }
        if (!logLine.isEmpty()) {
            return List.of(pass("host", groups + " was not recorded" + logLine));
        }
        return List.of(skip("host", groups + " is not on " + ctx.host().description() + " and "
                + (log.present() ? "dmesg has no DMAR/AMD-Vi line (it may have rotated out)" : log.missing()) + cmd));
    }
}
