package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** vf-iommu-isolated: each VF to be passed through is alone in its IOMMU group (ACS). */
final class VfIommuIsolatedCheck extends DescribedCheck {

    VfIommuIsolatedCheck() {
        super("vf-iommu-isolated", CheckArea.IOMMU,
                "every VF to be passed through is alone in its IOMMU group (the PCIe path has ACS)",
                "/sys/bus/pci/devices/<vf>/iommu_group, /sys/kernel/iommu_groups/<n>/devices");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        if (Boolean.FALSE.equals(ctx.inventory().iommu().enabled())) {
            return List.of(skip("host", "the IOMMU is off (see iommu-enabled): there are no IOMMU groups to judge"));
        }
        List<String> wanted = ctx.expectations().map(Expectations::passthroughVfs).orElse(List.of());
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : ctx.judgedPfs()) {
            List<Vf> vfs = pf.vfs().stream().filter(v -> wanted.isEmpty() || wanted.contains(v.pci())).toList();
            if (vfs.isEmpty()) continue;
            List<Vf> alone = new ArrayList<>();
            List<Vf> unknown = new ArrayList<>();
            for (Vf vf : vfs) {
                if (vf.iommuGroup() == null) {
                    unknown.add(vf);
                } else if (vf.iommuPeers().isEmpty()) {
                    alone.add(vf);
                } else {
                    out.add(fail(vf.pci() + " (VF " + vf.index() + " of " + DoctorContext.subject(pf) + ")",
                            "IOMMU group " + vf.iommuGroup() + " also holds " + describe(ctx, vf.iommuPeers())
                                    + " (" + ctx.host().originOfFile(SysfsLayout.IOMMU_GROUPS + "/" + vf.iommuGroup() + "/devices")
                                    + "): passing this VF to a VM would hand all of them to it",
                            CheckResult.fix(null, "enable ACS in the BIOS (on AMD boards often Chipset > NBIO Common Options > ACS Enable), "
                                    + "and put the NIC in a slot whose root port supports ACS; the pcie_acs_override kernel option only "
                                    + "hides the sharing, it does not isolate the devices")));
                }
            }
            if (!alone.isEmpty()) {
                out.add(pass(DoctorContext.subject(pf), alone.size() + " VF(s) each alone in its IOMMU group: "
                        + alone.stream().map(v -> v.pci() + "=group " + v.iommuGroup()).collect(Collectors.joining(", "))));
            }
            if (!unknown.isEmpty()) {
                out.add(skip(DoctorContext.subject(pf), "no iommu_group link for "
                        + unknown.stream().map(Vf::pci).collect(Collectors.joining(", ")) + " on " + ctx.host().description()));
            }
        }
        if (out.isEmpty()) {
            return List.of(skip("host", wanted.isEmpty() ? "no VF exists on the judged PFs (sriov_numvfs is 0 or no mlx5 PF)"
                    : "none of the VFs " + ctx.specName() + " passes through exists: " + String.join(", ", wanted)));
        }
        return out;
    }

    private static String describe(DoctorContext ctx, List<String> peers) {
        return peers.stream().map(p -> {
            String dir = SysfsLayout.pciDevice(p);
            String vendor = ctx.attribute(dir + "/vendor"), device = ctx.attribute(dir + "/device"), cls = ctx.attribute(dir + "/class");
            String id = vendor == null || device == null ? "" : " [" + vendor.replace("0x", "") + ":" + device.replace("0x", "") + "]";
            return p + id + (cls == null ? "" : " class " + cls);
        }).collect(Collectors.joining(", "));
    }
}
