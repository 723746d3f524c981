package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ovs-appctl lacp/show} (lib/lacp.c {@code lacp_print_details}): per bond
 * {@code ---- NAME ----}, {@code status: active negotiated}, {@code lacp_time}, and per member
 * {@code member: NAME: current|expired|defaulted attached|detached} (older OVS: "slave:").
 */
public final class OvsLacpShowParser {
    private OvsLacpShowParser() {
    }

    public record LacpStatus(String bond, String status, boolean negotiated, String lacpTime, List<Member> members) {
    }

    /** {@code state}: current, expired or defaulted; {@code attached}: whether the member is attached. */
    public record Member(String name, String state, Boolean attached, String partnerSysId) {
    }

    public static List<LacpStatus> parse(String text) {
        List<LacpStatus> out = new ArrayList<>();
        String bond = null, status = null, time = null;
        List<Member> members = new ArrayList<>();
        Member current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("---- ") && line.endsWith(" ----") && line.length() > 10) {
                if (current != null) members.add(current);
                if (bond != null) out.add(status(bond, status, time, members));
                bond = line.substring(5, line.length() - 5).strip();
                status = time = null;
                members = new ArrayList<>();
                current = null;
                continue;
            }
            if (bond == null) continue;
            if (line.startsWith("member:") || line.startsWith("slave:")) {
                if (current != null) members.add(current);
                String rest = line.substring(line.indexOf(':') + 1).strip();
                int colon = rest.lastIndexOf(':');
                if (colon < 0) {
                    current = new Member(rest, null, null, null);
                    continue;
                }
                String[] words = rest.substring(colon + 1).strip().split("\\s+");
                String state = words.length > 0 && !words[0].isEmpty() ? words[0] : null;
                Boolean attached = words.length > 1 ? Boolean.valueOf(words[1].equals("attached")) : null;
                current = new Member(rest.substring(0, colon).strip(), state, attached, null);
                continue;
            }
            if (current != null) {
                if (line.startsWith("partner sys_id:")) {
                    current = new Member(current.name(), current.state(), current.attached(), line.substring(15).strip());
                }
                continue;
            }
            if (line.startsWith("status:")) status = line.substring(7).strip();
            else if (line.startsWith("lacp_time:")) time = line.substring(10).strip();
        }
        if (current != null) members.add(current);
        if (bond != null) out.add(status(bond, status, time, members));
        return out;
    }

    private static LacpStatus status(String bond, String status, String time, List<Member> members) {
        boolean negotiated = status != null && status.contains("negotiated");
        return new LacpStatus(bond, status, negotiated, time, List.copyOf(members));
    }
}
