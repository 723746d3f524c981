package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.observe.UdevRulesParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * systemd-udevd for the simulated host: processes the kernel's uevents with the rules present in
 * the twin's {@code /etc/udev/rules.d} (and {@code /usr/lib/udev/rules.d}), so the rules sriovctl renders
 * are executed, not trusted. Semantics from systemd src/udev/udev-rules.c and udev(7):
 * <ul>
 * <li>files run in lexical order of their names; a file in /etc hides one of the same name in /usr/lib;</li>
 * <li>KERNELS, SUBSYSTEMS, DRIVERS and ATTRS walk up from the device and must all match the same device;</li>
 * <li>an attribute that cannot be read never matches, not even with != (token_match_attr returns false);</li>
 * <li>ATTR{x}="v" writes at once (failures are logged and ignored); RUN+= programs run after all rules;</li>
 * <li>NAME renames a network device on "add" only; the built-in 80-net-setup-link.rules names a device
 *     still carrying its kernel name (NamePolicy keep) when no earlier rule set NAME;</li>
 * <li>a rename to a name in use fails like the kernel ("File exists") and the device keeps its name.</li>
 * </ul>
 */
final class Udev {

    static final String ETC = "/etc/udev/rules.d";
    static final List<String> LIB = List.of("/usr/lib/udev/rules.d", "/lib/udev/rules.d");
    static final String NET_SETUP_LINK = "80-net-setup-link.rules";
    /** A guard against rules that keep triggering each other. */
    static final int MAX_EVENTS = 200_000;

    private final SimHost host;
    private final Map<String, List<UdevRule>> parsed = new HashMap<>();

    Udev(SimHost host) {
        this.host = host;
    }

    /** The rules in execution order; throws {@link UdevRuleParser.Refused} on syntax the simulator cannot run. */
    List<UdevRule> rules() {
        Map<String, String> files = new TreeMap<>();
        for (String dir : LIB) {
            for (String n : host.list(dir)) if (n.endsWith(".rules")) files.putIfAbsent(n, dir + "/" + n);
        }
        files.putIfAbsent(NET_SETUP_LINK, null);
        for (String n : host.list(ETC)) if (n.endsWith(".rules")) files.put(n, ETC + "/" + n);
        List<UdevRule> all = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getValue() == null) {
                all.add(UdevRule.netSetupLink("/usr/lib/udev/rules.d/" + NET_SETUP_LINK));
                continue;
            }
            String text = host.read(e.getValue()).orElse("");
            String key = e.getValue() + "\u0000" + text;
            all.addAll(parsed.computeIfAbsent(key, x -> UdevRuleParser.parse(e.getValue(), text)));
        }
        return all;
    }

    /** Processes queued uevents until none is left (what {@code udevadm settle} waits for). */
    void settle() {
        SimKernel k = host.kernel();
        if (k.uevents.isEmpty()) return;
        List<UdevRule> rules = rules();
        int n = 0;
        while (!k.uevents.isEmpty()) {
            if (++n > MAX_EVENTS) throw new IllegalStateException("udev rules keep generating events");
            process(rules, k.uevents.poll());
        }
    }

    /** A device as udev sees it: syspath, subsystem, kernel name, driver. */
    record Device(String syspath, String subsystem, String kernel, String driver) {
    }

    private void process(List<UdevRule> rules, Uevent ev) {
        if (ev.action().equals("remove")) return;
        SimKernel k = host.kernel();
        NetdevState nd = null;
        String syspath;
        if (ev.subsystem().equals("net")) {
            nd = k.netdev(ev.ifindex());
            if (nd == null) return;
            syspath = host.tree().netdevPath(nd);
        } else {
            PciRef r = k.pci(ev.pci()).orElse(null);
            if (r == null) return;
            syspath = r.devicePath();
        }
        Device dev = device(syspath);
        String name = null;
        boolean nameFinal = false;
        List<String> runs = new ArrayList<>();
        for (UdevRule rule : rules) {
            if (rule.isNetSetupLink()) {
                if (nd != null && ev.action().equals("add") && name == null && nd.nameAssignType == 1) {
                    name = systemdName(nd).orElse(null);
                }
                continue;
            }
            if (!matches(rule, dev, ev.action())) continue;
            for (UdevRule.Token t : rule.tokens()) {
                if (t.isMatch()) continue;
                String value = substitute(t.value(), dev);
                switch (t.key()) {
                    case "NAME" -> {
                        if (!nameFinal) name = value;
                        nameFinal |= t.op().equals(":=");
                    }
                    case "ATTR" -> writeAttr(rule, dev, t.attr(), value);
                    case "RUN" -> {
                        if (t.op().equals("=")) runs.clear();
                        runs.add(value);
                    }
                    default -> {
                        // parser admits nothing else
                    }
                }
            }
        }
        if (nd != null && ev.action().equals("add") && name != null && !name.equals(nd.name) && k.state.netdevs.contains(nd)) {
            String old = nd.name;
            try {
                k.renameInternal(nd, name);
            } catch (KernelError e) {
                host.journal(old + ": Failed to rename network interface " + nd.ifindex + " from '" + old + "' to '"
                        + name + "': " + e.errno().text());
            }
        }
        for (String run : runs) {
            List<String> argv = List.of(run.strip().split("\\s+"));
            Optional<CommandResult> r = host.runNested(argv);
            if (r.isEmpty()) {
                host.journal(dev.kernel() + ": Failed to execute '" + argv.get(0) + "': No such file or directory");
            } else if (!r.get().ok()) {
                host.journal(dev.kernel() + ": Process '" + run.strip() + "' failed with exit code " + r.get().exitCode() + ".");
            }
        }
    }

    private void writeAttr(UdevRule rule, Device dev, String attr, String value) {
        String path = dev.syspath() + "/" + attr;
        try {
            host.writeSysfs(path, value);
        } catch (KernelError e) {
            host.journal(dev.kernel() + ": " + rule.file() + ":" + rule.line() + " Failed to write ATTR{" + path
                    + "}, ignoring: " + e.errno().text());
        }
    }

    Device device(String syspath) {
        SysfsTree tree = host.tree();
        String subsystem = tree.readLink(syspath + "/subsystem").map(Udev::last).orElse(null);
        String driver = tree.readLink(syspath + "/driver").map(Udev::last).orElse(null);
        return new Device(syspath, subsystem, last(syspath), driver);
    }

    /** The device and its parents up to /sys/devices; class directories ({@code net}) are not devices. */
    private List<Device> chain(Device dev) {
        List<Device> out = new ArrayList<>();
        out.add(dev);
        String p = dev.syspath();
        while (true) {
            int slash = p.lastIndexOf('/');
            if (slash <= 0) break;
            p = p.substring(0, slash);
            if (p.equals("/sys/devices") || !p.startsWith("/sys/devices/")) break;
            if (last(p).equals("net") || p.equals("/sys/devices/virtual")) continue;
            out.add(device(p));
        }
        return out;
    }

    private boolean matches(UdevRule rule, Device dev, String action) {
        List<UdevRule.Token> parentKeys = new ArrayList<>();
        for (UdevRule.Token t : rule.tokens()) {
            if (!t.isMatch()) continue;
            if (t.isParentKey()) {
                parentKeys.add(t);
                continue;
            }
            String value;
            switch (t.key()) {
                case "ACTION" -> value = action;
                case "KERNEL" -> value = dev.kernel();
                case "SUBSYSTEM" -> value = nz(dev.subsystem());
                case "DRIVER" -> value = nz(dev.driver());
                case "ATTR" -> {
                    value = attr(dev, t.attr());
                    if (value == null) return false;
                }
                default -> {
                    return false;
                }
            }
            if (UdevRulesParser.globMatches(t.value(), value) != t.op().equals("==")) return false;
        }
        if (parentKeys.isEmpty()) return true;
        for (Device d : chain(dev)) {
            if (parentMatch(parentKeys, d)) return true;
        }
        return false;
    }

    private boolean parentMatch(List<UdevRule.Token> keys, Device d) {
        for (UdevRule.Token t : keys) {
            String value;
            switch (t.key()) {
                case "KERNELS" -> value = d.kernel();
                case "SUBSYSTEMS" -> value = nz(d.subsystem());
                case "DRIVERS" -> value = nz(d.driver());
                default -> {
                    value = attr(d, t.attr());
                    if (value == null) return false;
                }
            }
            if (UdevRulesParser.globMatches(t.value(), value) != t.op().equals("==")) return false;
        }
        return true;
    }

    /** A sysfs attribute relative to the device (may cross its {@code device} link), trailing whitespace removed. */
    private String attr(Device d, String name) {
        return host.tree().read(d.syspath() + "/" + name).map(String::stripTrailing).orElse(null);
    }

    /** $attr{x} / %s{x} (empty when unreadable), %k / $kernel, %% and $$. */
    private String substitute(String value, Device d) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$attr{", i) || value.startsWith("%s{", i)) {
                int open = value.indexOf('{', i);
                int close = value.indexOf('}', open);
                String a = attr(d, value.substring(open + 1, close));
                sb.append(a == null ? "" : a);
                i = close + 1;
            } else if (value.startsWith("%k", i)) {
                sb.append(d.kernel());
                i += 2;
            } else if (value.startsWith("$kernel", i)) {
                sb.append(d.kernel());
                i += 7;
            } else if (value.startsWith("%%", i) || value.startsWith("$$", i)) {
                sb.append(value.charAt(i));
                i += 2;
            } else {
                sb.append(value.charAt(i++));
            }
        }
        return sb.toString();
    }

    /** The name systemd's naming policy gives a device that still has its kernel name. */
    Optional<String> systemdName(NetdevState nd) {
        SimKernel k = host.kernel();
        PciRef r = nd.pci == null ? null : k.pci(nd.pci).orElse(null);
        if (r == null) return Optional.empty();
        if (r.isPlatform()) return Optional.ofNullable(r.platform().netName());
        boolean multifunction = r.card().pfs.size() > 1;
        String pfPci = SimKernel.pfPci(r.card(), r.pf());
        return switch (nd.kind) {
            case PF -> NetNaming.pf(pfPci, multifunction, "p" + r.pf().function);
            case VF -> NetNaming.vf(pfPci, multifunction, nd.vf);
            case REP -> NetNaming.representor(pfPci, multifunction, "pf" + r.pf().function + "vf" + nd.vf, nd.vf, k.state.systemd);
            default -> Optional.empty();
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String last(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
