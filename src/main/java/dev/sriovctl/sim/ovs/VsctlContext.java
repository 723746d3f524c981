package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One ovs-vsctl command running inside the transaction: the working copy of the database, the command's
 * options and arguments, its output, and the lookups ovs-vsctl's cache offers (bridges, ports and
 * interfaces reachable from the Open_vSwitch row; a bridge's own port does not count as a port).
 */
final class VsctlContext {
    final OvsDatabase db;
    final OvsRow ovs;
    final Map<String, String> options;
    final List<String> args;
    final StringBuilder out = new StringBuilder();
    final List<UUID> expectIfaces;
    final OvsVsctl.GlobalOptions global;

    VsctlContext(OvsDatabase db, OvsRow ovs, Map<String, String> options, List<String> args, List<UUID> expectIfaces,
                 OvsVsctl.GlobalOptions global) {
        this.db = db;
        this.ovs = ovs;
        this.options = options;
        this.args = args;
        this.expectIfaces = expectIfaces;
        this.global = global;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String arg(int i) {
        return args.get(i);
    }

    List<OvsRow> bridges() {
        return db.deref(ovs, "bridges", "Bridge");
    }

    Optional<OvsRow> findBridge(String name, boolean mustExist) {
        Optional<OvsRow> b = bridges().stream().filter(r -> name.equals(r.name())).findFirst();
        if (mustExist && b.isEmpty()) throw new VsctlError("no bridge named " + name);
        return b;
    }

    /** Every (bridge, port) pair, the bridge's own port included. */
    List<OvsRow[]> allPorts() {
        List<OvsRow[]> out = new ArrayList<>();
        for (OvsRow br : bridges()) for (OvsRow p : db.deref(br, "ports", "Port")) out.add(new OvsRow[] {br, p});
        return out;
    }

    /** A port by name; a bridge's own port is not found (as find_port does). Returns {bridge, port}. */
    Optional<OvsRow[]> findPort(String name, boolean mustExist) {
        Optional<OvsRow[]> p = allPorts().stream().filter(bp -> name.equals(bp[1].name()) && !name.equals(bp[0].name())).findFirst();
        if (mustExist && p.isEmpty()) throw new VsctlError("no port named " + name);
        return p;
    }

    /** An interface by name, not a bridge's own. Returns {bridge, port, interface}. */
    Optional<OvsRow[]> findIface(String name, boolean mustExist) {
        for (OvsRow[] bp : allPorts()) {
            for (OvsRow i : db.deref(bp[1], "interfaces", "Interface")) {
                if (name.equals(i.name()) && !name.equals(bp[0].name())) return Optional.of(new OvsRow[] {bp[0], bp[1], i});
            }
        }
        if (mustExist) throw new VsctlError("no interface named " + name);
        return Optional.empty();
    }

    /** check_conflicts: a new bridge, port or interface name must not be taken by any of them. */
    void checkConflicts(String name, String msg) {
        if (findBridge(name, false).isPresent()) throw new VsctlError(msg + " because a bridge named " + name + " already exists");
        for (OvsRow[] bp : allPorts()) {
            if (name.equals(bp[1].name())) {
                throw new VsctlError(msg + " because a port named " + name + " already exists on bridge " + bp[0].name());
            }
        }
        for (OvsRow[] bp : allPorts()) {
            for (OvsRow i : db.deref(bp[1], "interfaces", "Interface")) {
                if (name.equals(i.name())) {
                    throw new VsctlError(msg + " because an interface named " + name + " already exists on bridge " + bp[0].name());
                }
            }
        }
    }

    /** "--may-exist add-port br p" as vsctl_context_to_string prints a command: options, then arguments. */
    String commandString() {
        List<String> words = new ArrayList<>(options.keySet());
        words.addAll(args);
        List<String> escaped = new ArrayList<>();
        for (String w : words) escaped.add(escapeArg(w));
        return String.join(" ", escaped);
    }

    /** process_escape_args: quote words holding shell-special characters. */
    static String escapeArg(String w) {
        boolean plain = !w.isEmpty();
        for (char c : w.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) || "-_.,:/=@+%".indexOf(c) >= 0)) plain = false;
        }
        if (plain) return w;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : w.toCharArray()) {
            if (c == '\\' || c == '"') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
