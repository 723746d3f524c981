package dev.sriovctl.observe;

import java.util.List;

/**
 * A bond, OVS ({@code kind} "ovs") or a Linux bonding master ({@code kind} "linux", as VF-LAG uses).
 *
 * @param lacp                negotiated | configured | off (OVS {@code lacp_status}); null when unknown
 * @param mayUseRecirculation OVS {@code bond may use recirculation}: true means dp_hash + recirc, which TC cannot offload
 */
public record Bond(String name, String kind, String bridge, String mode, List<BondMember> members, String lacp,
                   Boolean lacpFallbackAb, Boolean mayUseRecirculation, String lacpTime) {

    public Bond {
        members = List.copyOf(members);
    }
}
