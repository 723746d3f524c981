package dev.sriovctl.observe;

/**
 * One member of a bond.
 *
 * @param enabled  OVS "member X: enabled", or a Linux slave with carrier; null when unknown
 * @param active   carries traffic (the active member of active-backup), null when unknown
 * @param lacp     the member's LACP state: current | expired | defaulted (OVS lacp/show), null when unknown
 */
public record BondMember(String name, Boolean enabled, Boolean active, String lacp) {
}
