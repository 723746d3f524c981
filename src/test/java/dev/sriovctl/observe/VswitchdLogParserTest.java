package dev.sriovctl.observe;

import dev.sriovctl.Captures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VswitchdLogParserTest {

    /** No ovs-vswitchd.log is in ../shared/fixtures: a real capture of OVS 3.1.0 (see {@link Captures#VSWITCHD_LOG}). */
    static final String LOG = Captures.VSWITCHD_LOG;

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
