package dev.sriovctl.sim;

import java.util.List;

/**
 * The mlx5 hardware LAG of a two-port NIC (drivers/net/ethernet/mellanox/mlx5/core/lag/lag.c, read
 * for notes/proxmox-api-and-vf-lag.md §7): {@code do_bond = ready && is_bonded && prereq}.
 * <ul>
 * <li>ready: both PF netdevs exist;</li>
 * <li>is_bonded: one kernel bond whose slaves are exactly the two PFs, in active-backup (ACTIVEBACKUP)
 *     or balance-xor/802.3ad (HASH) mode; otherwise the second enslave gets the extended ack
 *     "Can't activate LAG offload, TX type isn't supported" (mlx5_handle_changeupper_event);</li>
 * <li>prereq: every PF with VFs is in switchdev and both e-switches are in the same mode
 *     (mlx5_lag_check_prereq). Two legacy PFs without VFs form a RoCE LAG.</li>
 * </ul>
 * Activation logs the map and mode ("lag map: port 1:1 port 2:2", "shared_fdb:1 mode:queue_affinity",
 * "Operation mode is single FDB"); with a VF bound, the firmware refuses CREATE_LAG and the driver prints
 * "Failed to activate VF LAG" / "Make sure all VFs are unbound prior to VF LAG activation or deactivation"
 * (fixtures/dmesg/mlx5-cx6dx-failed-to-activate-vf-lag-shared-fdb-kernel5.17.txt). Kernels before 6.0
 * print the older one-line form "lag map port 1:1 port 2:2 shared_fdb:1 mode:queue_affinity" and
 * "modify lag map ..." (that fixture; the exact release of the change is not verified).
 */
final class LagEngine {

    private final SimKernel k;

    LagEngine(SimKernel k) {
        this.k = k;
    }

    private boolean newFormat() {
        return k.state.kernelAtLeast(6, 0);
    }

    /** The NIC a netdev belongs to (a PF), or the NICs a bond's slaves belong to. */
    void evaluateFor(NetdevState nd) {
        PciRef r = k.pfOf(nd);
        if (r != null) {
            evaluate(r.card());
            return;
        }
        if (nd.kind == NetdevKind.BOND) {
            for (CardState c : k.state.cards) evaluate(c);
        }
    }

    void onNetdevRemoved(NetdevState nd) {
        if (nd.kind == NetdevKind.BOND || nd.kind == NetdevKind.PF) {
            for (CardState c : k.state.cards) evaluate(c);
        }
    }

    /** The extended ack the second enslave of a NIC's ports returns when the bond mode cannot be offloaded. */
    List<String> enslaveWarnings(NetdevState slave, NetdevState bond) {
        PciRef r = k.pfOf(slave);
        if (r == null || !eligible(r.card())) return List.of();
        if (!inLag(r.card(), bond)) return List.of();
        if (modeSupported(bond)) return List.of();
        return List.of("mlx5_core: Can't activate LAG offload, TX type isn't supported");
    }

    private boolean eligible(CardState c) {
        Profile p = SimKernel.profile(c);
        return p.mlx5() && p.lag() && c.pfs.size() == 2;
    }

    /** Both ports, and only them, are slaves of {@code bond}. */
    private boolean inLag(CardState c, NetdevState bond) {
        NetdevState a = k.netdev(c.pfs.get(0).netdev);
        NetdevState b = k.netdev(c.pfs.get(1).netdev);
        if (a == null || b == null || bond == null || bond.kind != NetdevKind.BOND) return false;
        if (a.master != bond.ifindex || b.master != bond.ifindex) return false;
        return k.bonding.slaves(bond).size() == 2;
    }

    /** Bonding's tx type (bond_lag_tx_type): active-backup is ACTIVEBACKUP, balance-xor and 802.3ad are HASH. */
    static boolean modeSupported(NetdevState bond) {
        String mode = bond.bond.get("mode");
        return mode.equals("active-backup") || mode.equals("balance-xor") || mode.equals("802.3ad");
    }

    /** mlx5_lag_disable_change before an e-switch mode change: an active LAG is torn down. */
    void disableChange(CardState c) {
        if (c.lag.active) deactivate(c);
    }

    void evaluate(CardState c) {
        if (!eligible(c)) return;
        PfState p0 = c.pfs.get(0);
        PfState p1 = c.pfs.get(1);
        NetdevState a = k.netdev(p0.netdev);
        NetdevState b = k.netdev(p1.netdev);
        boolean ready = a != null && b != null;
        NetdevState bond = a == null || a.master == 0 ? null : k.netdev(a.master);
        boolean bonded = ready && inLag(c, bond) && modeSupported(bond);
        boolean prereq = (p0.numVfs == 0 || p0.eswitch.equals("switchdev"))
                && (p1.numVfs == 0 || p1.eswitch.equals("switchdev"))
                && p0.eswitch.equals(p1.eswitch);
        boolean doBond = bonded && prereq;
        if (doBond && !c.lag.active) {
            activate(c, bond);
        } else if (!doBond && c.lag.active) {
            deactivate(c);
        } else if (doBond) {
            remap(c, bond);
        }
    }

    private void activate(CardState c, NetdevState bond) {
        String pf0 = SimKernel.pfPci(c, c.pfs.get(0));
        boolean switchdev = c.pfs.get(0).eswitch.equals("switchdev");
        boolean shared = switchdev && c.sharedFdb;
        int[] map = map(c, bond);
        if (newFormat()) {
            k.devLog("mlx5_core", pf0, "lag map: port 1:" + map[0] + " port 2:" + map[1]);
            k.devLog("mlx5_core", pf0, "shared_fdb:" + (shared ? 1 : 0) + " mode:queue_affinity");
        } else {
            k.devLog("mlx5_core", pf0, "lag map port 1:" + map[0] + " port 2:" + map[1] + " shared_fdb:"
                    + (shared ? 1 : 0) + " mode:queue_affinity");
        }
        if (switchdev && anyVfBound(c)) {
            String pid = "(pid " + (800 + (int) (k.state.clockMicros % 7000)) + ")";
            if (newFormat()) {
                k.devLog("mlx5_core", pf0, "mlx5_cmd_out_err:808:" + pid + ": CREATE_LAG(0x840) op_mod(0x0) failed,"
                        + " status bad parameter(0x3), syndrome (0x7d49cb), err(-22)");
            } else {
                k.devLog("mlx5_core", pf0, "mlx5_cmd_check:790:" + pid + ": CREATE_LAG(0x840) op_mod(0x0) failed,"
                        + " status bad parameter(0x3), syndrome (0x7d49cb)");
            }
            k.devLog("mlx5_core", pf0, "mlx5_create_lag:281:" + pid + ": Failed to create LAG (-22)");
            k.devLog("mlx5_core", pf0, "mlx5_activate_lag:338:" + pid + ": Failed to activate VF LAG\n"
                    + "Make sure all VFs are unbound prior to VF LAG activation or deactivation");
            return;
        }
        if (shared) k.devLog("mlx5_core", pf0, "Operation mode is single FDB");
        c.lag.active = true;
        c.lag.type = switchdev ? "switchdev" : "roce";
        c.lag.sharedFdb = shared;
        c.lag.map1 = map[0];
        c.lag.map2 = map[1];
        c.lag.bond = bond.ifindex;
        k.changed(false);
    }

    private void deactivate(CardState c) {
        String pf0 = SimKernel.pfPci(c, c.pfs.get(0));
        if ("switchdev".equals(c.lag.type) && anyVfBound(c)) {
            k.devLog("mlx5_core", pf0, "Failed to deactivate VF LAG; driver restart required\n"
                    + "Make sure all VFs are unbound prior to VF LAG activation or deactivation");
        }
        c.lag.active = false;
        c.lag.type = null;
        c.lag.sharedFdb = false;
        c.lag.map1 = 1;
        c.lag.map2 = 2;
        c.lag.bond = 0;
        k.changed(false);
    }

    private void remap(CardState c, NetdevState bond) {
        int[] map = map(c, bond);
        if (map[0] == c.lag.map1 && map[1] == c.lag.map2) return;
        String pf0 = SimKernel.pfPci(c, c.pfs.get(0));
        String text = "port 1:" + map[0] + " port 2:" + map[1];
        k.devLog("mlx5_core", pf0, newFormat() ? "lag map: " + text : "modify lag map " + text);
        c.lag.map1 = map[0];
        c.lag.map2 = map[1];
        k.changed(false);
    }

    /** mlx5_infer_tx_affinity_mapping: a port that cannot transmit sends through the other one. */
    private int[] map(CardState c, NetdevState bond) {
        boolean t1 = k.bonding.txEnabled(bond, k.netdev(c.pfs.get(0).netdev));
        boolean t2 = k.bonding.txEnabled(bond, k.netdev(c.pfs.get(1).netdev));
        if (t1 && !t2) return new int[]{1, 1};
        if (t2 && !t1) return new int[]{2, 2};
        return new int[]{1, 2};
    }

    private static boolean anyVfBound(CardState c) {
        for (PfState pf : c.pfs) for (VfState vf : pf.vfs) if (vf.driver != null) return true;
        return false;
    }
}
