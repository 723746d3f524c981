package dev.sriovctl;

/**
 * Real outputs captured for these tests where ../shared/fixtures has none, each with how it was made.
 * They were taken on the project's Debian 12 build machine (openvswitch-switch 3.1.0-2+deb12u1,
 * iproute2 6.1.0), inside private network namespaces or private OVS instances, never touching the
 * machine's own network.
 */
public final class Captures {
    private Captures() {
    }

    /**
     * {@code tc -j qdisc show} in a namespace with veth d0 up carrying {@code ingress}, d1 with {@code clsact}
     * and d2 with {@code ingress_block 22 ingress} (the shared block OVS puts on bond members).
     */
    public static final String TC_QDISC = "[{\"kind\":\"noqueue\",\"handle\":\"0:\",\"dev\":\"d0\",\"root\":true,\"refcnt\":2,\"options\":{}},"
            + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"d0\",\"parent\":\"ffff:fff1\",\"options\":{}},"
            + "{\"kind\":\"clsact\",\"handle\":\"ffff:\",\"dev\":\"d1\",\"parent\":\"ffff:fff1\",\"options\":{}},"
            + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"d2\",\"parent\":\"ffff:fff1\",\"ingress_block\":22,\"options\":{}}]\n";

    /**
     * /var/log/openvswitch/ovs-vswitchd.log of a private ovs-vswitchd (log under /tmp): first started with
     * hw-offload=true and tc-policy=skip_sw already in the database, then restarted without them,
     * hw-offload=true set while running, and tc-policy=skip_hw set after that (which logged nothing).
     * Unrelated lines between these are left out.
     */
    public static final String VSWITCHD_LOG = """
            2026-11-25T16:03:56.545Z|00001|vlog|INFO|opened log file /tmp/doctor-ovs-probe/log/ovs-vswitchd.log
            2026-11-25T16:03:56.553Z|00006|netdev_offload|INFO|netdev: Flow API Enabled
            2026-11-25T16:03:56.553Z|00007|tc|INFO|tc: Using policy 'skip_sw'
            2026-11-25T16:03:56.555Z|00009|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0
            2026-11-25T16:04:04.772Z|00001|vlog|INFO|opened log file /tmp/doctor-ovs-probe/log/ovs-vswitchd.log
            2026-11-25T16:04:04.946Z|00044|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0
            2026-11-25T16:04:05.986Z|00045|netdev_offload|INFO|netdev: Flow API Enabled
            2026-11-25T16:04:05.986Z|00046|tc|INFO|tc: Using policy 'none'
            """;

    /** stderr of {@code ovs-vsctl --format=json --data=json list Open_vSwitch} (exit 1) with ovsdb-server stopped. */
    public static final String OVSDB_DOWN = "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n";

    /** stderr of {@code ovs-appctl bond/show} (exit 1) with ovs-vswitchd stopped. */
    public static final String VSWITCHD_DOWN = "2026-11-25T16:32:08Z|00001|daemon_unix|WARN|/var/run/openvswitch/ovs-vswitchd.pid: open: No such file or directory\n"
            + "ovs-appctl: cannot read pidfile \"/var/run/openvswitch/ovs-vswitchd.pid\" (No such file or directory)\n";
}
