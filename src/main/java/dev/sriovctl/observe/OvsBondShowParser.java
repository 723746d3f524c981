package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ovs-appctl bond/show} (ofproto/bond.c {@code bond_print_details}): one block per bond
 * starting {@code ---- NAME ----}, then {@code key: value} lines and {@code member NAME: enabled|disabled}
 * blocks (older OVS says "slave"). A block cut short leaves the rest unknown.
 */
public final class OvsBondShowParser {
    private OvsBondShowParser() {
    }

    /** One bond as bond/show prints it. */
    public record BondStatus(String name, String mode, Boolean mayUseRecirculation, String lacpStatus,
                             Boolean lacpFallbackAb, List<Member> members) {
    }

    public record Member(String name, Boolean enabled, boolean active, Boolean mayEnable) {
    }

    public static List<BondStatus> parse(String text) {
        List<BondStatus> out = new ArrayList<>();
        String name = null, mode = null, lacp = null;
        Boolean recirc = null, fallback = null;
        List<Member> members = new ArrayList<>();
        Member current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("---- ") && line.endsWith(" ----") && line.length() > 10) {
                if (current != null) members.add(current);
                if (name != null) out.add(new BondStatus(name, mode, recirc, lacp, fallback, members));
                name = line.substring(5, line.length() - 5).strip();
                mode = lacp = null;
                recirc = fallback = null;
                members = new ArrayList<>();
                current = null;
                continue;
            }
            if (name == null) continue;
            if ((line.startsWith("member ") || line.startsWith("slave ")) && line.contains(":")) {
                if (current != null) members.add(current);
                String head = line.substring(line.indexOf(' ') + 1);
                int colon = head.lastIndexOf(':');
                String state = head.substring(colon + 1).strip();
                Boolean enabled = state.equals("enabled") ? Boolean.TRUE : state.equals("disabled") ? Boolean.FALSE : null;
                current = new Member(head.substring(0, colon).strip(), enabled, false, null);
                continue;
            }
            if (current != null) {
                if (line.equals("active member") || line.equals("active slave")) {
                    current = new Member(current.name(), current.enabled(), true, current.mayEnable());
                } else if (line.startsWith("may_enable:")) {
                    current = new Member(current.name(), current.enabled(), current.active(), bool(value(line)));
                }
                continue;
            }
            if (line.startsWith("bond_mode:")) mode = value(line);
            else if (line.startsWith("bond may use recirculation:")) {
                String v = value(line);
                recirc = v.startsWith("yes") ? Boolean.TRUE : v.startsWith("no") ? Boolean.FALSE : null;
            } else if (line.startsWith("lacp_status:")) lacp = value(line);
            else if (line.startsWith("lacp_fallback_ab:")) fallback = bool(value(line));
        }
        if (current != null) members.add(current);
        if (name != null) out.add(new BondStatus(name, mode, recirc, lacp, fallback, members));
        return out;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    private static Boolean bool(String v) {
        return v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null;
    }
}
