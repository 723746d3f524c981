package dev.sriovctl.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command sriovctl runs, by name. Observation commands (DESIGN section 3's canonical argv)
 * are what {@code capture} records, so snapshots from any source line up; action commands change
 * the host and are never recorded.
 */
public final class CommandCatalog {
    private CommandCatalog() {
    }

    /** The Open_vSwitch database tables discovery reads. */
    public static final List<String> OVS_TABLES = List.of("Open_vSwitch", "Bridge", "Port", "Interface");

    // ---- observation: recorded by capture ------------------------------------------------------

    public static List<String> ipLinkDetails() {
        return List.of("ip", "-d", "-j", "link", "show");
    }

    public static List<String> devlinkEswitchShow(String pfPci) {
        return List.of("devlink", "-j", "dev", "eswitch", "show", "pci/" + pfPci);
    }

    public static List<String> dmesg() {
        return List.of("dmesg");
    }

    public static List<String> ovsList(String table) {
        return List.of("ovs-vsctl", "--format=json", "--data=json", "list", table);
    }

    public static List<String> ovsBondShow() {
        return List.of("ovs-appctl", "bond/show");
    }

    public static List<String> ovsLacpShow() {
        return List.of("ovs-appctl", "lacp/show");
    }

    public static List<String> ovsDumpFlows() {
        return List.of("ovs-appctl", "dpctl/dump-flows", "-m");
    }

    public static List<String> ethtoolInfo(String netdev) {
        return List.of("ethtool", "-i", netdev);
    }

    public static List<String> mstconfigQuery(String pfPci) {
        return List.of("mstconfig", "-e", "-d", pfPci, "query");
    }

    public static List<String> tcQdiscShow() {
        return List.of("tc", "-j", "qdisc", "show");
    }

    // ---- local tools: run on this machine whatever host is selected; never recorded -------------

    /** Graphviz: a DOT file to SVG on stdout (discover -o svg; Debian package graphviz). */
    public static List<String> graphvizSvg(String dotFile) {
        return List.of("dot", "-Tsvg", dotFile);
    }

    // ---- bench (iperf3): local tools, never recorded ------------------------------------------

    /** The argv run inside a network namespace ({@code ip netns exec NS ...}); as is when ns is null. */
    public static List<String> inNetns(String netns, List<String> argv) {
        if (netns == null) return argv;
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(argv);
        return List.copyOf(all);
    }

    /** A one-off iperf3 server in the background: serves one test, then exits. */
    public static List<String> iperf3Server(int port, String pidFile) {
        return List.of("iperf3", "--server", "--one-off", "--daemon", "--port", Integer.toString(port), "--pidfile", pidFile);
    }

    /** An iperf3 client run with JSON output (iperf3 -J). {@code bindDev} may be null. */
    public static List<String> iperf3Client(String server, int port, int streams, int seconds, boolean reverse, String bindDev) {
        List<String> argv = new ArrayList<>(List.of("iperf3", "--json", "--client", server, "--port", Integer.toString(port),
                "--parallel", Integer.toString(streams), "--time", Integer.toString(seconds)));
        if (reverse) argv.add("--reverse");
        if (bindDev != null) {
            argv.add("--bind-dev");
            argv.add(bindDev);
        }
        return List.copyOf(argv);
    }

    /** Listening TCP sockets on a port (empty output = nothing listens yet). */
    public static List<String> ssListening(int port) {
        return List.of("ss", "-H", "-l", "-t", "-n", "sport = :" + port);
    }

    /** The route to an address, as JSON: its {@code dev} is the interface traffic leaves by. */
    public static List<String> ipRouteGet(String address) {
        return List.of("ip", "-j", "route", "get", address);
    }

    /** A sysfs attribute read inside a namespace ({@code ip netns exec} mounts that namespace's /sys). */
    public static List<String> cat(String path) {
        return List.of("cat", path);
    }

    /** ethtool's link settings ("Speed: 25000Mb/s"). */
    public static List<String> ethtoolLink(String netdev) {
        return List.of("ethtool", netdev);
    }

    public static List<String> kill(String pid) {
        return List.of("kill", pid);
    }

    /** Commands recorded once per host, in capture order. */
    public static List<List<String>> hostCommands() {
        List<List<String>> all = new ArrayList<>();
        all.add(ipLinkDetails());
        all.add(dmesg());
        for (String t : OVS_TABLES) all.add(ovsList(t));
        all.add(ovsBondShow());
        all.add(ovsLacpShow());
        all.add(ovsDumpFlows());
        all.add(tcQdiscShow());
        return all;
    }

    /** Commands recorded once per SR-IOV PF. */
    public static List<List<String>> pfCommands(String pfPci) {
        return List.of(devlinkEswitchShow(pfPci), mstconfigQuery(pfPci));
    }

    /** Commands recorded once per PF netdev. */
    public static List<List<String>> netdevCommands(String netdev) {
        return List.of(ethtoolInfo(netdev));
    }

    /**
     * The file-system subtrees discovery reads (sysfs and procfs), which capture records.
     * Paths below them are read by path, never by walking links (sysfs has cycles).
     */
    public static final List<String> CAPTURED_FILES = List.of(
            "/proc/cmdline",
            "/proc/sys/kernel/hostname",
            "/proc/sys/kernel/osrelease");

    /** Configuration files sriovctl reads or renders, recorded by capture when present. */
    public static final List<String> CAPTURED_CONFIG_DIRS = List.of(
            "/etc/udev/rules.d",
            "/etc/network/interfaces.d");

    public static final List<String> CAPTURED_CONFIG_FILES = List.of(
            "/etc/network/interfaces",
            "/etc/pve/mapping/pci.cfg");
}
