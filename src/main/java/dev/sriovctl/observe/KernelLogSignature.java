package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Known messages of the kernel (mlx5, PCI, IOMMU), of the tools that relay the kernel's netlink
 * "extack" messages ({@code devlink}, {@code ip link}: "Error: mlx5_core: ...", "Warning: mlx5_core: ...")
 * and of udev, each with what it means and what fixes it. The texts are quoted from the sources named
 * in {@link #source()}; docs/checks.md lists them for people.
 */
public enum KernelLogSignature {

    // ---- SR-IOV enable (sriov-enable-errors) -------------------------------------------------
    MLX5_ESWITCH_ENABLED(Area.SRIOV_ENABLE, Severity.INFO,
            "E-Switch: Enable: mode\\((LEGACY|OFFLOADS)\\), nvfs\\((\\d+)\\)",
            "mlx5 enabled its e-switch with VFs (LEGACY = legacy SR-IOV, OFFLOADS = switchdev)",
            "",
            "drivers/net/ethernet/mellanox/mlx5/core/eswitch.c (esw_info \"E-Switch: Enable: mode(%s), nvfs(%d)...\")"),
    MMIO_RESOURCES(Area.SRIOV_ENABLE, Severity.ERROR,
            "not enough MMIO resources for SR-IOV",
            "the PCI window the firmware gave this slot is too small for the VFs' BARs, so no VF was created",
            "enable SR-IOV and 'Above 4G decoding' (64-bit MMIO) in the BIOS, or boot with pci=realloc; then create the VFs again",
            "drivers/pci/iov.c sriov_enable(): pci_err(dev, \"not enough MMIO resources for SR-IOV\")"),
    BUS_RANGE(Area.SRIOV_ENABLE, Severity.ERROR,
            "can't enable \\d+ VFs \\(bus [0-9a-f]+ out of range|SR-IOV: bus number out of range",
            "the VFs would need PCI bus numbers the bridge above the NIC does not have",
            "enable ARI ('PCIe ARI Support') and SR-IOV in the BIOS, or boot with pci=realloc; fewer VFs also fit",
            "drivers/pci/iov.c sriov_enable(): \"can't enable %d VFs (bus %02x out of range of %pR)\" (older kernels: \"SR-IOV: bus number out of range\")"),
    IOV_BARS(Area.SRIOV_ENABLE, Severity.ERROR,
            "SR-IOV: IOV BARS not allocated",
            "the firmware did not assign the VF BARs",
            "enable SR-IOV and 'Above 4G decoding' in the BIOS, or boot with pci=realloc",
            "drivers/pci/iov.c sriov_enable(): pci_err(dev, \"SR-IOV: IOV BARS not allocated\")"),
    MLX5_ENABLE_SRIOV_FAILED(Area.SRIOV_ENABLE, Severity.ERROR,
            "pci_enable_sriov failed ?: ?-?\\d+",
            "mlx5 asked the PCI core for VFs and was refused (the lines before it say why)",
            "see the PCI message just before it (MMIO resources, bus range)",
            "drivers/net/ethernet/mellanox/mlx5/core/sriov.c mlx5_sriov_enable(): \"pci_enable_sriov failed : %d\""),
    NUMVFS_BUSY(Area.SRIOV_ENABLE, Severity.ERROR,
            "\\d+ VFs already enabled\\. Disable before enabling \\d+ VFs|(?i)sriov_numvfs.*device or resource busy|(?i)device or resource busy.*sriov_numvfs",
            "the VF count was changed from one non-zero value to another; the kernel refuses that with EBUSY",
            "write 0 to sriov_numvfs first, then the new count (sriovctl apply does this)",
            "drivers/pci/iov.c sriov_numvfs_store() (pci-sysfs.c in older kernels): pci_warn(\"%d VFs already enabled. Disable before enabling %d VFs\") and -EBUSY, which a shell shows as \"write error: Device or resource busy\"; netplan and one-deploy write 0 first for this reason"),

    // ---- e-switch mode (eswitch-switchdev) ---------------------------------------------------
    ESWITCH_OFFLOADS_FAILED(Area.ESWITCH, Severity.ERROR,
            "Failed setting eswitch to offloads",
            "switching the PF to switchdev failed; mlx5 fell back to legacy",
            "switch with no VFs bound: on ConnectX-6 Lx firmware 26.42 switchdev must be set before the VFs are created (sriov_numvfs=0 -> switchdev -> VFs); otherwise unbind the VFs and retry",
            "drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c esw_offloads_start() extack; k8snetworkplumbingwg/sriov-network-operator#1015"),
    BAD_RESOURCE_STATE(Area.ESWITCH, Severity.ERROR,
            "bad resource state\\(0x9\\)",
            "the firmware refused a command because a resource was in the wrong state: with switchdev this is the e-switch being changed while VFs exist (firmware-dependent order)",
            "set sriov_numvfs to 0, switch to switchdev, then create the VFs (the other order than usual); keep that order for this NIC",
            "k8snetworkplumbingwg/sriov-network-operator#1015 (ConnectX-6 Lx FW 26.42.1000: CREATE_FLOW_TABLE ... bad resource state(0x9), syndrome (0x98afbb)), PR #1019"),
    ESWITCH_SLOW_FDB(Area.ESWITCH, Severity.ERROR,
            "E-Switch: Failed to create slow path FDB Table",
            "the switchdev FDB could not be created (follows a firmware refusal)",
            "see the firmware message before it; usually the VF/switchdev order (bad resource state)",
            "drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c; sriov-network-operator#1015"),

    // ---- VF-LAG (vf-lag-active) ---------------------------------------------------------------
    LAG_TX_TYPE(Area.LAG, Severity.ERROR,
            "Can't activate LAG offload, TX type isn't supported",
            "the Linux bond's mode cannot be offloaded: only active-backup, 802.3ad and balance-xor can",
            "use bond-mode 802.3ad (LACP), balance-xor or active-backup for the bond of the two PFs",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_handle_changeupper_event() extack (printed by 'ip link set PF master BOND' as \"Warning: mlx5_core: ...\"; Mellanox/ovs-tests test-vf-lag-warn-unsupported-mode.sh)"),
    LAG_NOT_READY(Area.LAG, Severity.ERROR,
            "Can't activate LAG offload, PF is configured with more than 64 VFs",
            "despite its text, current kernels print this when the LAG device is not ready (both PF netdevs not registered yet); it also appears with firmware NUM_OF_VFS above 64",
            "make sure both PFs are up and in the same mode before enslaving them; check NUM_OF_VFS (mstconfig) is 64 or less",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c: printed when !mlx5_lag_is_ready(ldev)"),
    VF_LAG_FAILED(Area.LAG, Severity.ERROR,
            "Failed to activate VF LAG",
            "the hardware LAG was not created: VFs were bound to a driver when the bond came up",
            "unbind the VFs, re-enslave the PFs (ip link set PF nomaster; ip link set PF master BOND), wait for lag/state=active, then bind the VFs",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_activate_lag(): \"Failed to activate VF LAG\\nMake sure all VFs are unbound prior to VF LAG activation or deactivation\""),
    CREATE_LAG_FAILED(Area.LAG, Severity.ERROR,
            "Failed to create LAG \\(-?\\d+\\)|CREATE_LAG\\(0x840\\).*failed",
            "the firmware refused CREATE_LAG (with VFs bound: status bad parameter(0x3))",
            "unbind the VFs before the PFs join the bond",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_create_lag(): \"Failed to create LAG (%d)\""),
    VF_LAG_DEACTIVATE_FAILED(Area.LAG, Severity.ERROR,
            "Failed to deactivate VF LAG; driver restart required",
            "the hardware LAG could not be torn down; mlx5 needs a driver reload",
            "stop the VMs using VFs, unbind the VFs, then reload mlx5_core (or reboot)",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_deactivate_lag()"),
    SINGLE_FDB_FAILED(Area.LAG, Severity.ERROR,
            "Can't enable single FDB mode",
            "the LAG came up without a shared FDB: VF traffic cannot fail over across the ports",
            "check both PFs are in switchdev with esw_port_metadata enabled and firmware that supports shared FDB",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_create_lag()"),
    LAG_MAP(Area.LAG, Severity.INFO,
            "lag map",
            "mlx5 created or changed its hardware LAG (ports mapped to uplinks)",
            "",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_lag_print_mapping(): \"lag map:%s\" / \"lag map active ports: %s\" (older kernels: \"lag map port 1:%d port 2:%d\")"),
    LAG_SHARED_FDB(Area.LAG, Severity.INFO,
            "shared_fdb:([01])",
            "mlx5 reports whether the LAG shares one FDB across both e-switches (1 = VF traffic can use either port)",
            "",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_create_lag(): \"shared_fdb:%d mode:%s\""),
    LAG_SINGLE_FDB(Area.LAG, Severity.INFO,
            "Operation mode is single FDB",
            "the VF-LAG runs with a shared (single) FDB",
            "",
            "drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c mlx5_create_lag()"),

    // ---- IOMMU (iommu-enabled) ----------------------------------------------------------------
    DMAR_ENABLED(Area.IOMMU, Severity.INFO,
            "DMAR: IOMMU enabled|DMAR: Intel\\(R\\) Virtualization Technology for Directed I/O",
            "the Intel IOMMU (VT-d) is on",
            "",
            "drivers/iommu/intel/dmar.c, iommu.c (pr_fmt \"DMAR: \")"),
    AMD_VI(Area.IOMMU, Severity.INFO,
            "AMD-Vi: (Found IOMMU|Interrupt remapping enabled|AMD IOMMUv2)",
            "the AMD IOMMU (AMD-Vi) is on",
            "",
            "drivers/iommu/amd/init.c (pr_fmt \"AMD-Vi: \")"),

    // ---- interface names (netdev-rename-conflict) ---------------------------------------------
    RENAME_EXISTS(Area.NAMING, Severity.ERROR,
            "Failed to rename network interface .*File exists",
            "udev wanted a name that another interface already had; on switchdev NICs this is a PF naming rule that also matched a representor (they share the PF's PCI address)",
            "restrict the PF rule to physical ports: add ATTR{phys_port_name}==\"p[0-9]*\" (sriovctl renders its rules that way)",
            "systemd src/udev/udev-event.c (\"Failed to rename network interface %i from '%s' to '%s': %m\"); Mellanox/nic-configuration-operator PR #474");

    /** Which part of the stack a message is about; a check reads the areas it owns. */
    public enum Area { SRIOV_ENABLE, ESWITCH, LAG, IOMMU, NAMING }

    /** INFO lines are evidence that something worked; ERROR lines are failures. */
    public enum Severity { INFO, ERROR }

    private final Area area;
    private final Severity severity;
    private final Pattern pattern;
    private final String meaning;
    private final String fix;
    private final String source;

    KernelLogSignature(Area area, Severity severity, String regex, String meaning, String fix, String source) {
        this.area = area;
        this.severity = severity;
        this.pattern = Pattern.compile(regex);
        this.meaning = meaning;
        this.fix = fix;
        this.source = source;
    }

    public Area area() {
        return area;
    }

    public Severity severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }

    public String fix() {
        return fix;
    }

    public String source() {
        return source;
    }

    /** Whether the message (any of its lines) carries this signature. */
    public boolean matches(KernelLogLine line) {
        return pattern.matcher(line.text()).find();
    }

    /** A message and the signature it carries. */
    public record Match(KernelLogSignature signature, KernelLogLine line) {
    }

    /** Every recognised message in log order; one message may carry several signatures. */
    public static List<Match> find(List<KernelLogLine> lines) {
        List<Match> out = new ArrayList<>();
        for (KernelLogLine l : lines) {
            for (KernelLogSignature s : values()) {
                if (s.matches(l)) out.add(new Match(s, l));
            }
        }
        return out;
    }

    /** The matches of one area. */
    public static List<Match> find(List<KernelLogLine> lines, Area area) {
        return find(lines).stream().filter(m -> m.signature().area() == area).toList();
    }
}
