package dev.sriovctl.sim.ovs;

/**
 * What sits at the far end of a bond member's link, as LACP sees it (the top-of-rack switch port).
 * {@code none()} is a port that sends no LACPDUs (LACP not configured on the switch): the member ends
 * up "defaulted". The default partner of a member with carrier is an LACP-active switch.
 *
 * @param sysId        partner system id (MAC)
 * @param sysPriority  partner system priority (switches commonly use 32768)
 * @param portId       partner port number
 * @param portPriority partner port priority
 * @param key          partner aggregation key
 * @param active       the partner sends LACPDUs on its own (LACP active); false = passive or none
 * @param fast         the partner asks for fast (1 s) LACPDUs
 * @param lacp         false when the partner runs no LACP at all
 */
public record LacpPartner(String sysId, int sysPriority, int portId, int portPriority, int key, boolean active,
                          boolean fast, boolean lacp) {

    /** A switch port with LACP active (slow timer), as a ToR configured for the bond would be. */
    public static LacpPartner activeSwitch(String sysId, int portId) {
        return new LacpPartner(sysId, 32768, portId, 32768, 1, true, false, true);
    }

    /** A switch port without LACP. */
    public static LacpPartner none() {
        return new LacpPartner("00:00:00:00:00:00", 0, 0, 0, 0, false, false, false);
    }
}
