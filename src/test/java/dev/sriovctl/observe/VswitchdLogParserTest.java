package dev.sriovctl.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VswitchdLogParserTest {

    /**
     * No ovs-vswitchd.log is in ../shared/fixtures. These lines are a real capture, made for this test with
     * Debian 12's openvswitch-switch 3.1.0 (private ovsdb-server + ovs-vswitchd in a network namespace, log
     * file under /tmp): first started with hw-offload=true and tc-policy=skip_sw already in the database, then
     * restarted without them, hw-offload=true set while running, and tc-policy=skip_hw set after that (which
     * logged nothing). Unrelated lines between them are left out.
     */
    static final String LOG = """
            2026-11-25T16:03:56.545Z|00001|vlog|INFO|opened log file /tmp/doctor-ovs-probe/log/ovs-vswitchd.log
            2026-11-25T16:03:56.553Z|00006|netdev_offload|INFO|netdev: Flow API Enabled
            2026-11-25T16:03:56.553Z|00007|tc|INFO|tc: Using policy 'skip_sw'
            2026-11-25T16:03:56.555Z|00009|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0
            2026-11-25T16:04:04.772Z|00001|vlog|INFO|opened log file /tmp/doctor-ovs-probe/log/ovs-vswitchd.log
            2026-11-25T16:04:04.946Z|00044|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0
            2026-11-25T16:04:05.986Z|00045|netdev_offload|INFO|netdev: Flow API Enabled
            2026-11-25T16:04:05.986Z|00046|tc|INFO|tc: Using policy 'none'
            """;

    @Test
    void judgesOnlyTheLastProcessAndItsPolicy() {
        VswitchdLog log = VswitchdLogParser.parse(LOG);
        assertThat(log.startLine()).startsWith("2026-11-25T16:04:04.772Z|00001|");
        assertThat(log.flowApiEnabled()).isTrue();
        assertThat(log.policy()).isEqualTo("none");
        assertThat(log.version()).isEqualTo("3.1.0");
    }

    @Test
    void aProcessStartedWithoutOffloadHasNoFlowApiLine() {
        String first = LOG.lines().limit(1).map(l -> l + "\n").reduce("", String::concat)
                + "2026-11-25T16:03:56.555Z|00009|bridge|INFO|ovs-vswitchd (Open vSwitch) 3.1.0\n";
        VswitchdLog log = VswitchdLogParser.parse(first);
        assertThat(log.flowApiEnabled()).isFalse();
        assertThat(log.policy()).isNull();
        assertThat(VswitchdLogParser.parse("").startLine()).isNull();
    }
}
