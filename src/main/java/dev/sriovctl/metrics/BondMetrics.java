package dev.sriovctl.metrics;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Nic;

import java.util.List;

/** Bonds (OVS and Linux) with their members and LACP states, and each NIC's hardware LAG. */
final class BondMetrics {
    private BondMetrics() {
    }

    /** OVS bond.c {@code lacp_status}: negotiated, configured, off (a Linux bond's in the same words). */
    static final List<String> BOND_LACP = List.of("negotiated", "configured", "off");
    /** OVS lacp.c member states: current, expired, defaulted. */
    static final List<String> MEMBER_LACP = List.of("current", "expired", "defaulted");

    static List<MetricFamily> of(Inventory inventory) {
        MetricFamily.Builder lacp = MetricFamily.gauge("sriovctl_bond_lacp_status",
                "LACP status of a bond (OVS: ovs-appctl bond/show; Linux: bonding/ad_partner_mac, a partner = negotiated): 1 for the one that holds of negotiated, configured, off; 0 for the others.");
        MetricFamily.Builder enabled = MetricFamily.gauge("sriovctl_bond_member_enabled",
                "1 when the bond member is enabled (OVS bond/show) or has carrier (Linux bond), else 0.");
        MetricFamily.Builder memberLacp = MetricFamily.gauge("sriovctl_bond_member_lacp_state",
                "LACP state of an OVS bond member (ovs-appctl lacp/show): 1 for the one that holds of current, expired, defaulted; 0 for the others.");
        for (Bond b : inventory.bonds()) {
            lacp.state(b.lacp(), BOND_LACP, "state", "bond", b.name());
            for (BondMember m : b.members()) {
                enabled.flag(m.enabled(), "bond", b.name(), "member", m.name());
                memberLacp.state(m.lacp(), MEMBER_LACP, "state", "bond", b.name(), "member", m.name());
            }
        }
        MetricFamily.Builder lagActive = MetricFamily.gauge("sriovctl_nic_lag_active",
                "1 when the NIC's mlx5 hardware LAG is active (debugfs mlx5/<pf>/lag/state), else 0.");
        MetricFamily.Builder sharedFdb = MetricFamily.gauge("sriovctl_nic_lag_shared_fdb",
                "1 when the NIC's hardware LAG has one shared FDB, as VF-LAG needs (debugfs mlx5/<pf>/lag/flags), else 0.");
        for (Nic nic : inventory.nics()) {
            Lag lag = nic.lag();
            if (lag == null) continue;
            lagActive.flag(lag.state() == null ? null : lag.state().equals("active"), "nic", nic.id());
            sharedFdb.flag(lag.sharedFdb(), "nic", nic.id());
        }
        return List.of(lacp.build(), enabled.build(), memberLacp.build(), lagActive.build(), sharedFdb.build());
    }
}
