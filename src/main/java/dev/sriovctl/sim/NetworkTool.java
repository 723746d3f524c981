package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.ifupdown.ConfigFiles;
import dev.sriovctl.sim.ifupdown.Ifupdown2State;
import dev.sriovctl.sim.ifupdown.SimNetwork;
import dev.sriovctl.sim.ovs.OvsDatabase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Open vSwitch and ifupdown2 on a simulated host: {@code ovs-vsctl}, {@code ovs-appctl}, {@code ovs-dpctl},
 * {@code ifup}, {@code ifdown}, {@code ifreload}, {@code ifquery} and the Open vSwitch units of
 * {@code systemctl}, run by the emulations of packages {@code sim.ovs} and {@code sim.ifupdown} over the
 * simulated kernel ({@link KernelLinkTable}). Their state (the OVS database and daemon, ifupdown2's record of
 * what is up) is kept in the host's extensions {@value #OVS} and {@value #IFUPDOWN2}, so it is saved with the
 * kernel model in one atomic write. A host without the {@value #OVS} extension has no Open vSwitch installed:
 * its OVS commands do not exist (as on a Proxmox host before {@code apt install openvswitch-switch}).
 *
 * <p>One instance serves one host ({@link SimTools#standard()} is made per host) and keeps the loaded state,
 * so the {@code ovs-vsctl} transactions ifupdown2 runs in the middle of an {@code ifreload} see and change the
 * same database.
 */
final class NetworkTool implements SimTool {

    static final String OVS = "ovs";
    static final String IFUPDOWN2 = "ifupdown2";
    static final Set<String> OVS_COMMANDS = Set.of("ovs-vsctl", "ovs-appctl", "ovs-dpctl");
    static final Set<String> IFUPDOWN2_COMMANDS = Set.of("ifup", "ifdown", "ifreload", "ifquery");
    /** The simulator's own command that registers traffic through Open vSwitch (datapath flows). */
    static final String TRAFFIC = "sim-traffic";
    /** A station on the wire behind an uplink or bond (an arbitrary locally administered MAC). */
    static final String WIRE_STATION = "02:00:00:00:00:01";
    /** The Open vSwitch units {@code systemctl} hands to the emulation (OvsSystemctl). */
    static final Set<String> OVS_UNITS = Set.of("openvswitch-switch", "ovs-vswitchd", "ovsdb-server");
    /** Wall-clock time of the simulated boot; the host's uptime counts from it (log lines of ovs-appctl). */
    static final Instant BOOT = Instant.parse("2026-01-01T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VSCTL_READ = Set.of("show", "list", "get", "find", "list-br", "list-ports", "list-ifaces",
            "br-exists", "port-to-br", "iface-to-br", "br-to-vlan", "br-to-parent", "br-get-external-id", "get-controller",
            "get-manager", "get-fail-mode", "get-ssl", "list-zone-tunnels");

    private Session session;

    /** The loaded state of one host. */
    private static final class Session {
        final SimHost host;
        final OvsDatabase db;
        final Ifupdown2State ifstate;
        final KernelLinkTable links;
        final SimNetwork net;
        /** The extension value this session was loaded from or last saved. */
        JsonNode savedOvs;

        Session(SimHost host, OvsDatabase db, Ifupdown2State ifstate) {
            this.host = host;
            this.db = db;
            this.ifstate = ifstate;
            this.links = new KernelLinkTable(host.kernel());
            this.net = new SimNetwork(db, links, ifstate, ConfigFiles.of(host), () -> isoTime(host), () -> millis(host),
                    argv -> host.run(argv).orElseGet(() -> new CommandResult(argv, 127, "",
                            "/bin/sh: 1: " + argv.get(0) + ": not found\n")));
        }
    }

    // ---- installation -------------------------------------------------------------------------------

    /** Whether the host has Open vSwitch (its database exists). */
    static boolean ovsInstalled(SimHost host) {
        return host.extension(OVS) != null;
    }

    /**
     * Installs Open vSwitch as Debian's openvswitch-switch leaves it: an initialised database, both daemons
     * running, no bridge.
     */
    static void installOvs(SimHost host) {
        String hostname = host.hostname().orElse("localhost");
        OvsDatabase db = OvsDatabase.installed("sim/" + hostname, hostname);
        host.setExtension(OVS, db.toJson());
        VswitchdLog.started(host, db.vswitchd());
    }

    // ---- SimTool ---------------------------------------------------------------------------------------

    @Override
    public boolean available(SimHost host, List<String> argv) {
        String prog = prog(argv);
        if (OVS_COMMANDS.contains(prog) || prog.equals(TRAFFIC)) return ovsInstalled(host);
        return true;
    }

    @Override
    public boolean mutates(List<String> argv) {
        String prog = prog(argv);
        return switch (prog) {
            case "ovs-vsctl" -> !vsctlReadOnly(argv);
            case "ovs-appctl" -> !appctlReadOnly(argv);
            case "ovs-dpctl", "ifquery" -> false;
            case TRAFFIC -> argv.size() < 2 || !argv.get(1).equals("list");
            default -> true;
        };
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        String prog = prog(argv);
        if (prog.equals("ifquery")) {
            return SimTool.result(argv, 1, "", "error: ifquery is not modelled by the sriovctl simulation (use ifreload -a, ifup, ifdown)\n");
        }
        if (!ovsInstalled(host) && IFUPDOWN2_COMMANDS.contains(prog)) return runWithoutOvs(host, argv);
        Session s = session(host);
        if (prog.equals(TRAFFIC)) {
            CommandResult r = traffic(host, s, argv);
            if (mutates(argv)) save(s);
            return r;
        }
        VswitchdLog.Mark mark = VswitchdLog.mark(s.db.vswitchd());
        List<String> call = prog.equals("ovs-dpctl") ? dpctl(argv) : argv;
        if (call == null) {
            return SimTool.result(argv, 1, "", "ovs-dpctl: " + (argv.size() > 1 ? argv.get(1) : "")
                    + ": not modelled by the sriovctl simulation (supported: dump-flows)\n");
        }
        CommandResult r = s.net.run(call).map(x -> new CommandResult(argv, x.exitCode(), x.stdout(), x.stderr()))
                .orElseGet(() -> SimTool.result(argv, 1, "", prog + ": not handled by the simulated Open vSwitch\n"));
        if (mutates(argv)) {
            syncDatapath(s);
            save(s);
            VswitchdLog.since(host, mark, s.db.vswitchd());
        }
        return r;
    }

    /**
     * The kernel's netdevs changed (representors appeared, a cable was pulled, a rename): ovs-vswitchd reacts
     * to the netlink notification by reopening its interfaces and re-running bonds and LACP.
     */
    void netdevsChanged(SimHost host) {
        if (!ovsInstalled(host)) return;
        Session s = session(host);
        s.net.netdevsChanged();
        syncDatapath(s);
        save(s);
    }

    /** ifupdown2 on a host without Open vSwitch: its OVS stanzas fail as ovs-vsctl is missing. */
    private CommandResult runWithoutOvs(SimHost host, List<String> argv) {
        Session s = new Session(host, new OvsDatabase("absent"), loadIfstate(host));
        CommandResult r = s.net.run(argv).orElseThrow();
        host.setExtension(IFUPDOWN2, JSON.valueToTree(s.ifstate));
        return r;
    }

    /** The loaded state, reloaded when the saved one is not what this tool last wrote (another writer, a new host). */
    private Session session(SimHost host) {
        JsonNode ovs = host.extension(OVS);
        if (session == null || session.host != host || session.savedOvs != ovs) {
            session = new Session(host, OvsDatabase.fromJson(ovs), loadIfstate(host));
            session.savedOvs = ovs;
        }
        return session;
    }

    private static Ifupdown2State loadIfstate(SimHost host) {
        JsonNode n = host.extension(IFUPDOWN2);
        if (n == null) return new Ifupdown2State();
        try {
            return JSON.treeToValue(n, Ifupdown2State.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable ifupdown2 state in " + host.directory() + ": " + e.getMessage(), e);
        }
    }

    private static void save(Session s) {
        s.savedOvs = s.db.toJson();
        s.host.setExtension(OVS, s.savedOvs);
        s.host.setExtension(IFUPDOWN2, JSON.valueToTree(s.ifstate));
    }

    /**
     * Ports of the kernel datapath: every netdev ovs-vswitchd opened on a "system" bridge (type "" or system, not
     * its internal ports) is linked below {@code ovs-system} ({@code ip link} shows {@code master ovs-system},
     * {@code openvswitch_slave}; net/openvswitch/vport-netdev.c ovs_netdev_link), and released when it leaves; the datapath goes with the last such bridge (ofproto-dpif close_dpif_backer).
     * A netdev already enslaved elsewhere (a Linux bond) cannot join: vswitchd records the error.
     */
    private static void syncDatapath(Session s) {
        SimKernel k = s.host.kernel();
        if (!s.db.vswitchd().running()) return;
        List<String> wanted = new ArrayList<>();
        boolean systemBridge = false;
        for (var br : s.db.rows("Bridge")) {
            String dpType = br.string("datapath_type");
            if (!dpType.isEmpty() && !dpType.equals("system")) continue;
            systemBridge = true;
            for (var port : s.db.deref(br, "ports", "Port")) {
                for (var iface : s.db.deref(port, "interfaces", "Interface")) {
                    Long ofport = iface.integer("ofport");
                    String type = iface.string("type");
                    if (ofport != null && ofport > 0 && (type.isEmpty() || type.equals("system"))) {
                        wanted.add(iface.name());
                    }
                }
            }
        }
        NetdevState dp = k.netdev(KernelLinkTable.DATAPATH).orElse(null);
        for (NetdevState n : new ArrayList<>(k.state.netdevs)) {
            if ("openvswitch".equals(n.slaveKind) && !wanted.contains(n.name) && !"openvswitch".equals(n.linkKind)) {
                k.detachFromSwitch(n.name);
            }
        }
        if (!systemBridge) {
            if (dp != null && k.state.netdevs.stream().noneMatch(n -> n.master == dp.ifindex)) k.deleteLink(dp.name);
            return;
        }
        s.links.ensureDatapath();
        for (String name : wanted) {
            NetdevState n = k.netdev(name).orElse(null);
            if (n == null || "openvswitch".equals(n.slaveKind)) continue;
            try {
                k.attachToSwitch(name, KernelLinkTable.DATAPATH);
            } catch (KernelError e) {
                s.db.iface(name).ifPresent(i -> {
                    i.put("error", dev.sriovctl.sim.ovs.Datum.of("could not add network device " + name + " to ofproto ("
                            + e.errno().text() + ")"));
                    i.put("ofport", dev.sriovctl.sim.ovs.Datum.of(-1L));
                });
            }
        }
    }

    /**
     * {@code sim-traffic add IN OUT [--packets N] [--bytes N] [--src MAC] [--dst MAC]}, {@code list}, {@code clear}:
     * frames entering Open vSwitch on interface IN for a station behind port OUT, which ovs-vswitchd turns into
     * datapath flows ({@code ovs-appctl dpctl/dump-flows}, offloaded or not by OVS's rules, see DatapathFlows).
     * The MACs default to those of the stations behind the ports ({@link #stationMac}).
     */
    private static CommandResult traffic(SimHost host, Session s, List<String> argv) {
        String verb = argv.size() > 1 ? argv.get(1) : "";
        switch (verb) {
            case "list" -> {
                StringBuilder sb = new StringBuilder();
                for (dev.sriovctl.sim.ovs.TrafficFlow f : s.db.traffic()) {
                    sb.append(f.inPort()).append(" -> ").append(f.outPort()).append(' ').append(f.srcMac()).append(" > ").append(f.dstMac())
                            .append(", packets:").append(f.packets()).append(", bytes:").append(f.bytes()).append('\n');
                }
                return SimTool.result(argv, 0, sb.toString(), "");
            }
            case "clear" -> {
                s.db.clearTraffic();
                return SimTool.result(argv, 0, "", "");
            }
            case "add" -> {
                List<String> pos = new ArrayList<>();
                long packets = 1000;
                Long bytes = null;
                String src = null;
                String dst = null;
                for (int i = 2; i < argv.size(); i++) {
                    String a = argv.get(i);
                    String v = i + 1 < argv.size() ? argv.get(i + 1) : null;
                    try {
                        switch (a) {
                            case "--packets" -> { packets = Long.parseLong(v); i++; }
                            case "--bytes" -> { bytes = Long.parseLong(v); i++; }
                            case "--src" -> { src = SimKernel.normaliseMac(v); i++; }
                            case "--dst" -> { dst = SimKernel.normaliseMac(v); i++; }
                            default -> pos.add(a);
                        }
                    } catch (RuntimeException e) {
                        return SimTool.result(argv, 2, "", "sim-traffic: bad value for " + a + "\n");
                    }
                }
                if (pos.size() != 2) return trafficUsage(argv);
                String in = pos.get(0);
                String out = pos.get(1);
                if (s.db.iface(in).isEmpty()) return SimTool.result(argv, 1, "", "sim-traffic: no interface " + in + " in Open vSwitch\n");
                if (s.db.port(out).isEmpty()) return SimTool.result(argv, 1, "", "sim-traffic: no port " + out + " in Open vSwitch\n");
                if (src == null) src = stationMac(host, in);
                if (dst == null) dst = stationMac(host, out);
                s.db.addTraffic(new dev.sriovctl.sim.ovs.TrafficFlow(in, out, src, dst, packets, bytes != null ? bytes : packets * 1500));
                return SimTool.result(argv, 0, "", "");
            }
            default -> {
                return trafficUsage(argv);
            }
        }
    }

    private static CommandResult trafficUsage(List<String> argv) {
        return SimTool.result(argv, 2, "", "usage: sim-traffic add IN_INTERFACE OUT_PORT [--packets N] [--bytes N] [--src MAC] [--dst MAC]"
                + " | list | clear\n");
    }

    /**
     * The MAC of the station behind an OVS port: a representor's VF (its administrative MAC, set with
     * {@code ip link set PF vf N mac}), an internal port's own MAC, else a station on the wire.
     */
    private static String stationMac(SimHost host, String name) {
        SimKernel k = host.kernel();
        NetdevState nd = k.netdev(name).orElse(null);
        if (nd != null && nd.kind == NetdevKind.REP && nd.pci != null) {
            PciRef pf = k.pci(nd.pci).orElse(null);
            if (pf != null && pf.pf() != null && nd.vf >= 0 && nd.vf < pf.pf().vfs.size()) {
                String mac = pf.pf().vfs.get(nd.vf).mac;
                if (mac != null && !mac.equals("00:00:00:00:00:00")) return mac;
            }
            return nd.mac;
        }
        if (nd != null && "openvswitch".equals(nd.linkKind)) return nd.mac;
        return WIRE_STATION;
    }

    // ---- argv ------------------------------------------------------------------------------------------

    static String prog(List<String> argv) {
        return argv.isEmpty() ? "" : argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    }

    /** Whether every command of an ovs-vsctl call only reads (show, list, get ...). */
    static boolean vsctlReadOnly(List<String> argv) {
        boolean expectVerb = true;
        boolean any = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                expectVerb = true;
                continue;
            }
            if (a.startsWith("-")) continue;
            if (expectVerb) {
                if (!VSCTL_READ.contains(a)) return false;
                any = true;
                expectVerb = false;
            }
        }
        return any;
    }

    /** ovs-appctl commands that only show state. */
    static boolean appctlReadOnly(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-t") || a.equals("--target") || a.equals("-T") || a.equals("--timeout")) {
                i++;
                continue;
            }
            if (a.startsWith("-")) continue;
            return a.equals("version") || a.equals("list-commands") || a.endsWith("/show") || a.endsWith("/list")
                    || a.startsWith("dpctl/dump-") || a.equals("dpctl/show");
        }
        return true;
    }

    /**
     * {@code ovs-dpctl dump-flows [-m] [type=...]}: the kernel datapath's flows as ovs-dpctl reads them itself,
     * without ovs-vswitchd's flow API, so TC-offloaded flows are not among them (lib/dpctl.c; the process never
     * enables netdev-offload). Null for another ovs-dpctl command.
     */
    private static List<String> dpctl(List<String> argv) {
        if (argv.size() < 2 || !argv.get(1).equals("dump-flows")) return null;
        List<String> call = new ArrayList<>(List.of("ovs-appctl", "dpctl/dump-flows"));
        boolean typed = false;
        for (String a : argv.subList(2, argv.size())) {
            if (a.startsWith("type=")) typed = true;
            call.add(a);
        }
        if (!typed) call.add("type=ovs");
        return call;
    }

    private static String isoTime(SimHost host) {
        return BOOT.plusNanos(host.state().clockMicros * 1000).toString();
    }

    private static long millis(SimHost host) {
        return BOOT.toEpochMilli() + host.state().clockMicros / 1000;
    }
}
