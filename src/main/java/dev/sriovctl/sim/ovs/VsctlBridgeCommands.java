package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** ovs-vsctl's bridge, port and interface commands (utilities/ovs-vsctl.c), with its messages. */
final class VsctlBridgeCommands {
    private VsctlBridgeCommands() {
    }

    static void addBr(VsctlContext c) {
        boolean mayExist = c.has("--may-exist");
        String name = c.arg(1);
        if (c.args.size() == 4) {
            throw new VsctlError("fake bridges (add-br BRIDGE PARENT VLAN) are not modelled by the sriovctl simulation");
        }
        if (c.args.size() == 3) throw new VsctlError("'add-br' command takes exactly 1 or 3 arguments");
        if (mayExist && c.findBridge(name, false).isPresent()) return;
        c.checkConflicts(name, "cannot create a bridge named " + name);
        OvsRow iface = c.db.insert("Interface");
        iface.put("name", Datum.of(name));
        iface.put("type", Datum.of("internal"));
        c.expectIfaces.add(iface.uuid());
        OvsRow port = c.db.insert("Port");
        port.put("name", Datum.of(name));
        port.put("interfaces", Datum.of(iface.uuid()));
        OvsRow br = c.db.insert("Bridge");
        br.put("name", Datum.of(name));
        br.put("ports", Datum.of(port.uuid()));
        c.ovs.put("bridges", c.ovs.get("bridges").union(Datum.of(br.uuid())));
    }

    static void delBr(VsctlContext c) {
        Optional<OvsRow> br = c.findBridge(c.arg(1), !c.has("--if-exists"));
        if (br.isEmpty()) return;
        for (OvsRow p : c.db.deref(br.get(), "ports", "Port")) deletePort(c, br.get(), p);
        c.ovs.put("bridges", c.ovs.get("bridges").minus(Datum.of(br.get().uuid())));
        c.db.delete("Bridge", br.get().uuid());
    }

    private static void deletePort(VsctlContext c, OvsRow br, OvsRow port) {
        for (UUID i : port.refs("interfaces")) c.db.delete("Interface", i);
        br.put("ports", br.get("ports").minus(Datum.of(port.uuid())));
        c.db.delete("Port", port.uuid());
    }

    static void listBr(VsctlContext c) {
        new TreeSet<>(c.bridges().stream().map(OvsRow::name).toList()).forEach(n -> c.out.append(n).append('\n'));
    }

    static void brExists(VsctlContext c) {
        if (c.findBridge(c.arg(1), false).isEmpty()) throw new OvsVsctl.ExitStatus(2);
    }

    static void brToVlan(VsctlContext c) {
        c.findBridge(c.arg(1), true);
        c.out.append("0\n");
    }

    static void brToParent(VsctlContext c) {
        c.out.append(c.findBridge(c.arg(1), true).get().name()).append('\n');
    }

    static void brSetExternalId(VsctlContext c) {
        OvsRow br = c.findBridge(c.arg(1), true).get();
        Datum ids = br.get("external_ids").minus(Datum.set(List.of(c.arg(2))));
        if (c.args.size() > 3) ids = ids.with(c.arg(2), c.arg(3));
        br.put("external_ids", ids);
    }

    static void brGetExternalId(VsctlContext c) {
        OvsRow br = c.findBridge(c.arg(1), true).get();
        Map<String, String> ids = br.map("external_ids");
        if (c.args.size() > 2) {
            String v = ids.get(c.arg(2));
            if (v != null) c.out.append(v).append('\n');
        } else {
            ids.forEach((k, v) -> c.out.append(k).append('=').append(v).append('\n'));
        }
    }

    static void listPorts(VsctlContext c) {
        OvsRow br = c.findBridge(c.arg(1), true).get();
        TreeSet<String> names = new TreeSet<>();
        for (OvsRow p : c.db.deref(br, "ports", "Port")) if (!p.name().equals(br.name())) names.add(p.name());
        names.forEach(n -> c.out.append(n).append('\n'));
    }

    static void listIfaces(VsctlContext c) {
        OvsRow br = c.findBridge(c.arg(1), true).get();
        TreeSet<String> names = new TreeSet<>();
        for (OvsRow p : c.db.deref(br, "ports", "Port")) {
            for (OvsRow i : c.db.deref(p, "interfaces", "Interface")) if (!i.name().equals(br.name())) names.add(i.name());
        }
        names.forEach(n -> c.out.append(n).append('\n'));
    }

    static void addPort(VsctlContext c) {
        List<String> settings = c.args.subList(3, c.args.size());
        addPort(c, c.arg(1), c.arg(2), List.of(c.arg(2)), false, settings);
    }

    static void addBond(VsctlContext c) {
        List<String> ifaces = new ArrayList<>();
        int i = 3;
        for (; i < c.args.size(); i++) {
            if (c.arg(i).contains("=")) break;
            ifaces.add(c.arg(i));
        }
        if (ifaces.size() < 2) {
            throw new VsctlError("add-bond requires at least 2 interfaces, but only " + ifaces.size() + " were specified");
        }
        addPort(c, c.arg(1), c.arg(2), ifaces, c.has("--fake-iface"), c.args.subList(i, c.args.size()));
    }

    private static void addPort(VsctlContext c, String brName, String portName, List<String> ifaceNames, boolean fakeIface,
                                List<String> settings) {
        if (c.has("--may-exist")) {
            Optional<OvsRow[]> existing = c.findPort(portName, false);
            if (existing.isPresent()) {
                TreeSet<String> want = new TreeSet<>(ifaceNames);
                TreeSet<String> have = new TreeSet<>();
                for (OvsRow i : c.db.deref(existing.get()[1], "interfaces", "Interface")) have.add(i.name());
                if (!existing.get()[0].name().equals(brName)) {
                    throw new VsctlError("\"" + c.commandString() + "\" but " + portName + " is actually attached to bridge "
                            + existing.get()[0].name());
                }
                if (!want.equals(have)) {
                    throw new VsctlError("\"" + c.commandString() + "\" but " + portName + " actually has interface(s) "
                            + String.join(", ", have));
                }
                return;
            }
        }
        c.checkConflicts(portName, "cannot create a port named " + portName);
        for (String n : ifaceNames) c.checkConflicts(n, "cannot create an interface named " + n);
        OvsRow br = c.findBridge(brName, true).get();
        List<Object> ifaceUuids = new ArrayList<>();
        for (String n : ifaceNames) {
            OvsRow iface = c.db.insert("Interface");
            iface.put("name", Datum.of(n));
            c.expectIfaces.add(iface.uuid());
            ifaceUuids.add(iface.uuid());
        }
        OvsRow port = c.db.insert("Port");
        port.put("name", Datum.of(portName));
        port.put("interfaces", Datum.set(ifaceUuids));
        port.put("bond_fake_iface", Datum.of(fakeIface));
        for (String s : settings) VsctlDbCommands.setColumn(c, port, s);
        br.put("ports", br.get("ports").union(Datum.of(port.uuid())));
    }

    static void delPort(VsctlContext c) {
        boolean mustExist = !c.has("--if-exists");
        boolean withIface = c.has("--with-iface");
        String target = c.arg(c.args.size() - 1);
        Optional<OvsRow[]> port;
        if (c.findBridge(target, false).isPresent()) {
            if (mustExist) {
                throw new VsctlError("cannot delete port " + target + " because it is the local port for bridge " + target
                        + " (deleting this port requires deleting the entire bridge)");
            }
            port = Optional.empty();
        } else if (!withIface) {
            port = c.findPort(target, mustExist);
        } else {
            port = c.findPort(target, false);
            if (port.isEmpty()) port = c.findIface(target, false).map(bpi -> new OvsRow[] {bpi[0], bpi[1]});
            if (mustExist && port.isEmpty()) throw new VsctlError("no port or interface named " + target);
        }
        if (port.isEmpty()) return;
        if (c.args.size() == 3) {
            OvsRow br = c.findBridge(c.arg(1), true).get();
            if (!br.uuid().equals(port.get()[0].uuid())) {
                throw new VsctlError("bridge " + c.arg(1) + " does not have a port " + c.arg(2));
            }
        }
        deletePort(c, port.get()[0], port.get()[1]);
    }

    static void portToBr(VsctlContext c) {
        c.out.append(c.findPort(c.arg(1), true).get()[0].name()).append('\n');
    }

    static void ifaceToBr(VsctlContext c) {
        c.out.append(c.findIface(c.arg(1), true).get()[0].name()).append('\n');
    }

    static void getFailMode(VsctlContext c) {
        String m = c.findBridge(c.arg(1), true).get().string("fail_mode");
        if (m != null) c.out.append(m).append('\n');
    }

    static void delFailMode(VsctlContext c) {
        c.findBridge(c.arg(1), true).get().put("fail_mode", Datum.emptySet());
    }

    static void setFailMode(VsctlContext c) {
        OvsRow br = c.findBridge(c.arg(1), true).get();
        String mode = c.arg(2);
        if (!mode.equals("standalone") && !mode.equals("secure")) {
            throw new VsctlError("fail-mode must be \"standalone\" or \"secure\"");
        }
        br.put("fail_mode", Datum.of(mode));
    }
}
