package dev.sriovctl.sim;

import java.util.List;

/**
 * {@code devlink dev eswitch set}: the e-switch mode of a PF. mlx5 rules follow
 * drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c {@code mlx5_devlink_eswitch_mode_set}:
 * <ul>
 * <li>same mode: nothing happens, no error;</li>
 * <li>PF enslaved to a bond: "Can't change mode, E-Switch is busy", EBUSY (netplan commit 32b19b8f:
 *     "the e-switch change MUST be performed before the bonding"; the text as devlink prints it in
 *     LNST-project/lnst#304);</li>
 * <li>kernels before 5.9 need SR-IOV enabled: "Can't set offloads mode, SRIOV legacy not enabled", EINVAL
 *     (removed by "net/mlx5: E-switch, Reduce dependency on num_vfs during mode set", notes §8);</li>
 * <li>VFs bound to a driver: refused with "Failed setting eswitch to offloads", EINVAL (NVIDIA's
 *     OVS-Kernel Hardware Offloads guide requires VFs unbound, "VMs with attached VFs must be powered off";
 *     sriov-network-operator#1015 reports EINVAL from this step);</li>
 * <li>firmware quirk (profile flag): switchdev with VFs fails with the firmware's "bad resource state(0x9)"
 *     (sriov-network-operator#1015, ConnectX-6 Lx firmware 26.42.1000).</li>
 * </ul>
 * ice (E810) refuses any mode change while VFs exist (drivers/net/ethernet/intel/ice/ice_eswitch.c).
 */
final class Eswitch {

    private static final List<String> INLINE = List.of("none", "link", "network", "transport");

    private final SimKernel k;

    Eswitch(SimKernel k) {
        this.k = k;
    }

    void set(String pfPci, String mode, String inlineMode, String encapMode) {
        PciRef r = k.pci(pfPci).filter(PciRef::isPf).orElseThrow(() -> new KernelError(Errno.ENODEV));
        PfState pf = r.pf();
        Profile p = SimKernel.profile(r.card());
        if (pf.driver == null || !pf.driver.equals(p.pfDriver())) throw new KernelError(Errno.ENODEV);
        if (!p.mlx5()) {
            setIce(r, mode, inlineMode, encapMode);
            return;
        }
        if (inlineMode != null) {
            if (!INLINE.contains(inlineMode)) throw new KernelError(Errno.EINVAL);
            // only ConnectX-4/4 Lx have a configurable (vport context) inline mode; others accept "none" only
            if (!"link".equals(p.inlineMode()) && !inlineMode.equals("none")) {
                throw new KernelError(Errno.EOPNOTSUPP, "mlx5_core: Inline mode can't be set");
            }
            pf.inlineMode = inlineMode;
        }
        if (encapMode != null) {
            if (!encapMode.equals("none") && !encapMode.equals("basic")) throw new KernelError(Errno.EOPNOTSUPP);
            pf.encapMode = encapMode;
        }
        k.changed(false);
        if (mode == null || mode.equals(pf.eswitch)) return;
        boolean toSwitchdev = mode.equals("switchdev");
        NetdevState uplink = pf.netdev == 0 ? null : k.netdev(pf.netdev);
        if (uplink != null && uplink.master != 0 && k.netdev(uplink.master).kind == NetdevKind.BOND) {
            throw new KernelError(Errno.EBUSY, "mlx5_core: Can't change mode, E-Switch is busy");
        }
        if (toSwitchdev && pf.numVfs == 0 && !k.state.kernelAtLeast(5, 9)) {
            throw new KernelError(Errno.EINVAL, "mlx5_core: Can't set offloads mode, SRIOV legacy not enabled");
        }
        for (VfState vf : pf.vfs) {
            if (vf.driver != null) {
                throw new KernelError(Errno.EINVAL, "mlx5_core: Failed setting eswitch to " + (toSwitchdev ? "offloads" : "legacy"));
            }
        }
        if (toSwitchdev && pf.numVfs > 0 && r.card().switchdevBeforeVfsQuirk) {
            // the three lines of sriov-network-operator#1015, as the firmware answers CREATE_FLOW_TABLE
            k.devLog("mlx5_core", r.pci(), "mlx5_cmd_out_err:808:(pid " + pid() + "): CREATE_FLOW_TABLE(0x930) op_mod(0x0) failed,"
                    + " status bad resource state(0x9), syndrome (0x98afbb), err(-22)");
            k.devLog("mlx5_core", r.pci(), "mlx5_cmd_dr_create_flow_table:86:(pid " + pid() + "): Failed creating dr flow_table");
            k.devLog("mlx5_core", r.pci(), "E-Switch: Failed to create slow path FDB Table err -22");
            throw new KernelError(Errno.EINVAL, "mlx5_core: Failed setting eswitch to offloads");
        }
        k.lag.disableChange(r.card());
        int n = pf.numVfs;
        String vports = "nvfs(" + n + "), active vports(" + (n + 1) + ")";
        k.devLog("mlx5_core", r.pci(), "E-Switch: Disable: mode(" + (toSwitchdev ? "LEGACY" : "OFFLOADS") + "), " + vports);
        pf.eswitch = mode;
        k.changed(false);
        // the uplink representor profile sets NETIF_F_HW_TC (en_rep.c mlx5e_build_rep_netdev); the NIC profile
        // of legacy mode comes back with it off
        if (uplink != null) uplink.hwTcOffload = toSwitchdev;
        if (toSwitchdev) {
            // messages of a legacy -> switchdev change (fixtures/dmesg/mlx5-cx5ex-switchdev-enable-kernel5.7.txt)
            k.devLog("mlx5_core", r.pci(), "E-Switch: Supported tc offload range - chains: 4294967294, prios: 4294967295");
            k.devLog("mlx5_core", r.pci(), "MLX5E: StrdRq(1) RqSz(8) StrdSz(2048) RxCqeCmprss(0)");
            for (VfState vf : pf.vfs) k.sriov.createRepresentor(r.card(), pf, vf);
            k.devLog("mlx5_core", r.pci(), "E-Switch: Enable: mode(OFFLOADS), " + vports);
        } else {
            for (VfState vf : pf.vfs) {
                if (vf.representor != 0) k.removeNetdev(k.netdev(vf.representor));
                vf.representor = 0;
            }
            k.devLog("mlx5_core", r.pci(), "E-Switch: Enable: mode(LEGACY), " + vports);
        }
        k.lag.evaluate(r.card());
    }

    /** ice: mode changes only without VFs ("Changing eswitch mode is allowed only if there is no VFs created"). */
    private void setIce(PciRef r, String mode, String inlineMode, String encapMode) {
        if (inlineMode != null || encapMode != null) throw new KernelError(Errno.EOPNOTSUPP);
        PfState pf = r.pf();
        if (mode == null || mode.equals(pf.eswitch)) return;
        if (pf.numVfs > 0) {
            throw new KernelError(Errno.EOPNOTSUPP, "ice: Changing eswitch mode is allowed only if there is no VFs created");
        }
        pf.eswitch = mode;
        k.changed(false);
        k.devLog("ice", r.pci(), "PF " + pf.function + " changed eswitch mode to " + mode);
    }

    private int pid() {
        return 800 + (int) (k.state.clockMicros % 7000);
    }
}
