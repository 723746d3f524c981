package dev.sriovctl.verify;

import dev.sriovctl.observe.SysfsLayout;
import dev.sriovctl.observe.UdevRule;
import dev.sriovctl.observe.UdevRulesParser;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out which NAME the udev rules give a netdev, the way udev would on its "add" event, from the
 * netdev's sysfs attributes and its PCI parent. Keys doctor cannot evaluate offline (KERNEL, ENV, PROGRAM,
 * TEST, ...) make a rule "undecided" rather than guessed.
 */
final class UdevNaming {
    private UdevNaming() {
    }

    /** A rule's verdict on a netdev: it names it ({@code name}), does not apply, or cannot be decided. */
    record Outcome(UdevRule rule, boolean applies, boolean decided, String name) {
    }

    private static final Pattern SUBST = Pattern.compile("\\$attr\\{([^}]*)\\}|%s\\{([^}]*)\\}");

    /** The last deciding NAME rule for the netdev (udev applies NAME in order; the last assignment wins). */
    static Optional<Outcome> name(DoctorContext ctx, List<UdevRule> rules, String netdev) {
        Outcome last = null;
        for (UdevRule r : rules) {
            if (r.assignment("NAME").isEmpty()) continue;
            Outcome o = evaluate(ctx, r, netdev);
            if (o.applies() || !o.decided()) last = o;
        }
        return Optional.ofNullable(last);
    }

    static Outcome evaluate(DoctorContext ctx, UdevRule rule, String netdev) {
        String dir = SysfsLayout.netdev(netdev);
        String parent = parentPci(ctx, netdev);
        for (UdevRule.Key k : rule.keys()) {
            if (!k.isMatch()) continue;
            String value;
            switch (k.name()) {
                case "SUBSYSTEM" -> value = "net";
                case "ACTION" -> value = "add";
                case "ATTR" -> value = attribute(ctx, dir, parent, k.attribute());
                case "ATTRS" -> value = parent == null ? null : ctx.attribute(SysfsLayout.pciDevice(parent) + "/" + k.attribute());
                case "KERNELS" -> value = parent;
                case "SUBSYSTEMS" -> value = parent == null ? null : "pci";
                case "DRIVERS" -> value = parent == null ? null : driver(ctx, parent);
                default -> {
                    return new Outcome(rule, false, false, null);
                }
            }
            boolean eq = value != null && UdevRulesParser.globMatches(k.value(), value);
            if (k.op().equals("==") ? !eq : eq) return new Outcome(rule, false, true, null);
        }
        String raw = rule.assignment("NAME").map(UdevRule.Key::value).orElse("");
        StringBuilder name = new StringBuilder();
        Matcher m = SUBST.matcher(raw);
        int at = 0;
        while (m.find()) {
            String attr = m.group(1) != null ? m.group(1) : m.group(2);
            String v = attribute(ctx, dir, parent, attr);
            if (v == null) return new Outcome(rule, true, false, null);
            name.append(raw, at, m.start()).append(v);
            at = m.end();
        }
        name.append(raw.substring(at));
        if (name.indexOf("$") >= 0 || name.indexOf("%") >= 0) return new Outcome(rule, true, false, null);
        return new Outcome(rule, true, true, name.toString());
    }

    private static String attribute(DoctorContext ctx, String netdevDir, String parent, String attr) {
        if (attr == null) return null;
        if (attr.startsWith("device/")) {
            return parent == null ? null : ctx.attribute(SysfsLayout.pciDevice(parent) + "/" + attr.substring("device/".length()));
        }
        return ctx.attribute(netdevDir + "/" + attr);
    }

    /** The PCI device a netdev hangs under: the component before "/net/" in its sysfs link. */
    static String parentPci(DoctorContext ctx, String netdev) {
        return ctx.host().readLink(SysfsLayout.netdev(netdev)).map(t -> {
            int i = t.lastIndexOf("/net/");
            if (i < 0) return null;
            String before = t.substring(0, i);
            String last = before.substring(before.lastIndexOf('/') + 1);
            return last.matches("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.[0-7]") ? last : null;
        }).orElse(null);
    }

    private static String driver(DoctorContext ctx, String pci) {
        return ctx.host().readLink(SysfsLayout.pciDevice(pci) + "/driver").map(t -> t.substring(t.lastIndexOf('/') + 1)).orElse(null);
    }
}
