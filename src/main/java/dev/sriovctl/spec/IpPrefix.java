package dev.sriovctl.spec;

/**
 * Checks the address forms a spec may hold (IPv4/IPv6 with or without a prefix length), without
 * name resolution: a spec value is never looked up in DNS.
 */
final class IpPrefix {
    private IpPrefix() {
    }

    /** Why {@code text} is not an address with a prefix length ({@code 192.168.1.2/24}), or null. */
    static String cidrProblem(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return "it needs a prefix length, e.g. 192.168.1.2/24";
        String addr = text.substring(0, slash);
        String len = text.substring(slash + 1);
        int family = family(addr);
        if (family == 0) return "'" + addr + "' is not an IPv4 or IPv6 address";
        int max = family == 4 ? 32 : 128;
        if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
            return "the prefix length must be 0 to " + max;
        }
        return null;
    }

    /** 4, 6, or 0 when not an address. */
    static int family(String addr) {
        if (isIpv4(addr)) return 4;
        if (isIpv6(addr)) return 6;
        return 0;
    }

    static boolean isIpv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return false;
        for (String o : p) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255 || (o.length() > 1 && o.startsWith("0"))) return false;
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (!s.matches("[0-9A-Fa-f:.]+") || !s.contains(":")) return false;
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) return false;
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) continue;
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIpv4(g)) return false;
                count += 2;
            } else if (g.matches("[0-9A-Fa-f]{1,4}")) {
                count++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }
}
