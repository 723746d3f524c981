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

    /** Offload features of a netdev (doctor: hw-tc-offload). */
    public static List<String> ethtoolFeatures(String netdev) {
        return List.of("ethtool", "-k", netdev);
    }

    /**
     * The boot's log of udev (interface renames: "Failed to rename ... File exists") and of ifupdown2 (the
     * netlink warnings of 'ip link set PF master BOND', such as mlx5's VF-LAG refusals). doctor reads it
     * beside dmesg.
     */
    public static List<String> bootJournal() {
        return List.of("journalctl", "-b", "--no-pager", "-o", "short-monotonic",
                "-u", "systemd-udevd.service", "-u", "networking.service");
    }

    // ---- actions: change the host (or the cluster), never recorded by capture -------------------

    /**
     * The local PVE API as root@pam (pve-manager bin/pvesh): {@code verb} is get, set (PUT) or
     * create (POST); {@code options} are {@code --key value} pairs (a repeated key is an array).
     * Output is the answer's data as JSON. Never carries a token: pvesh needs none.
     */
    public static List<String> pvesh(String verb, String apiPath, List<String> options) {
        List<String> argv = new ArrayList<>(List.of("pvesh", verb, apiPath));
        argv.addAll(options);
        argv.add("--output-format");
        argv.add("json");
        return List.copyOf(argv);
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
        all.add(bootJournal());
        return all;
    }

    /** Commands recorded once per SR-IOV PF. */
    public static List<List<String>> pfCommands(String pfPci) {
        return List.of(devlinkEswitchShow(pfPci), mstconfigQuery(pfPci));
    }

    /** Commands recorded once per PF netdev. */
    public static List<List<String>> netdevCommands(String netdev) {
        return List.of(ethtoolInfo(netdev), ethtoolFeatures(netdev));
    }

    /**
     * The file-system subtrees discovery reads (sysfs and procfs), which capture records.
     * Paths below them are read by path, never by walking links (sysfs has cycles).
     */
    public static final List<String> CAPTURED_FILES = List.of(
            "/proc/cmdline",
            "/proc/sys/kernel/hostname",
            "/proc/sys/kernel/osrelease",
            // which VM holds which passed-through device (qemu-server PVE/QemuServer/PCI.pm); read by 'pve status'
            "/run/qemu-server/pci-id-reservations");

    /** Configuration files sriovctl reads or renders, recorded by capture when present. */
    public static final List<String> CAPTURED_CONFIG_DIRS = List.of(
            "/etc/udev/rules.d",
            "/etc/network/interfaces.d");

    public static final List<String> CAPTURED_CONFIG_FILES = List.of(
            "/etc/network/interfaces",
            "/etc/pve/mapping/pci.cfg");

    /**
     * Proxmox VE's cluster file system (pmxcfs): {@code nodes/<node>/qemu-server/<vmid>.conf} are the VM
     * configurations of each node ({@code /etc/pve/qemu-server} links to this node's). Capture records every
     * node's, redacted (cipassword), so doctor can judge VM assignments on a snapshot.
     */
    public static final String PVE_NODES = "/etc/pve/nodes";

    public static String pveVmConfigDir(String node) {
        return PVE_NODES + "/" + node + "/qemu-server";
    }

    /** Logs doctor reads: which settings ovs-vswitchd actually started with (Flow API, tc-policy). */
    public static final List<String> CAPTURED_LOG_FILES = List.of(
            "/var/log/openvswitch/ovs-vswitchd.log");

    /** Where dpkg keeps each package's file list and MD5 sums ({@code PACKAGE[:ARCH].md5sums}). */
    public static final String DPKG_INFO = "/var/lib/dpkg/info";

    /** The md5sums files of the Open vSwitch packages (openvswitch-switch, -common, -switch-dpdk, ...). */
    public static boolean isOvsPackageSums(String fileName) {
        return fileName.matches("openvswitch-[a-z0-9.+-]+(:[a-z0-9]+)?\\.md5sums");
    }

    /**
     * The packaged Open vSwitch files capture records so a snapshot can be checked for local edits
     * (doctor: ovs-ctl-unpatched): the start scripts and systemd units people patch, as the guide does with
     * ovs-ctl. Binaries and documentation are left out; on a live host doctor checks every file.
     */
    public static final List<String> OVS_PACKAGE_FILE_PREFIXES = List.of(
            "/usr/share/openvswitch/scripts/",
            "/lib/systemd/system/",
            "/usr/lib/systemd/system/");

    // ---- actions and read-backs of plan steps (never recorded by capture) ----------------------

    public static List<String> devlinkEswitchSet(String pfPci, String mode) {
        return List.of("devlink", "dev", "eswitch", "set", "pci/" + pfPci, "mode", mode);
    }

    public static List<String> udevadmReload() {
        return List.of("udevadm", "control", "--reload");
    }

    /** {@code udevadm trigger --action=add} for the named net devices only. */
    public static List<String> udevadmTriggerNet(List<String> sysnames) {
        List<String> argv = new ArrayList<>(List.of("udevadm", "trigger", "--action=add", "--subsystem-match=net"));
        for (String n : sysnames) argv.add("--sysname-match=" + n);
        return argv;
    }

    public static List<String> udevadmSettle(int timeoutSeconds) {
        return List.of("udevadm", "settle", "--timeout=" + timeoutSeconds);
    }

    /** {@code ip link set dev PF vf N <key> <value>} (mac, vlan, trust, spoofchk, max_tx_rate). */
    public static List<String> ipLinkSetVf(String pfNetdev, int vf, String key, String value) {
        return List.of("ip", "link", "set", "dev", pfNetdev, "vf", Integer.toString(vf), key, value);
    }

    /** {@code ip link set dev NETDEV up|down}. */
    public static List<String> ipLinkSetState(String netdev, boolean up) {
        return List.of("ip", "link", "set", "dev", netdev, up ? "up" : "down");
    }

    /** {@code ip link set dev NETDEV mtu N}: what ifreload's undo runs to put an MTU back. */
    public static List<String> ipLinkSetMtu(String netdev, int mtu) {
        return List.of("ip", "link", "set", "dev", netdev, "mtu", Integer.toString(mtu));
    }

    public static List<String> ipLinkShowDetails(String netdev) {
        return List.of("ip", "-d", "-j", "link", "show", "dev", netdev);
    }

    /** {@code ovs-vsctl set Open_vSwitch . <column:key=value>...}. */
    public static List<String> ovsSetOpenVswitch(List<String> assignments) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "set", "Open_vSwitch", "."));
        argv.addAll(assignments);
        return argv;
    }

    public static List<String> ovsRemoveKey(String column, String key) {
        return List.of("ovs-vsctl", "remove", "Open_vSwitch", ".", column, key);
    }

    public static List<String> ovsGet(String table, String record, String columnKey) {
        return List.of("ovs-vsctl", "--if-exists", "get", table, record, columnKey);
    }

    public static List<String> ovsListPorts(String bridge) {
        return List.of("ovs-vsctl", "list-ports", bridge);
    }

    public static List<String> ovsDelPort(String bridge, String port) {
        return List.of("ovs-vsctl", "--if-exists", "del-port", bridge, port);
    }

    public static List<String> ovsAppctlVersion() {
        return List.of("ovs-appctl", "version");
    }

    public static List<String> ifreloadAll() {
        return List.of("ifreload", "-a");
    }

    /** Where debugfs belongs; mlx5 shows its hardware LAG under {@code mlx5/<pf>/lag/} there. */
    public static final String DEBUGFS = "/sys/kernel/debug";

    public static List<String> mountDebugfs() {
        return List.of("mount", "-t", "debugfs", "debugfs", DEBUGFS);
    }

    public static List<String> modprobe(String module) {
        return List.of("modprobe", module);
    }

    public static List<String> systemctl(String verb, String unit) {
        return unit == null ? List.of("systemctl", verb) : List.of("systemctl", verb, unit);
    }
}
