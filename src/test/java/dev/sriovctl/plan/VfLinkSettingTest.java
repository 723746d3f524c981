package dev.sriovctl.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-VF {@code ip link} setting steps: what they run, read back and undo, and how the journal stores them. */
class VfLinkSettingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> argv(Action a) {
        return ((RunCommand) a).argv();
    }

    @Test
    void eachStepSetsItsKeyThroughThePfAndReadsTheSameKeyBack() {
        List<Step> steps = List.of(new SetVfMac("p0", 1, "02:00:00:00:00:01", "00:00:00:00:00:00", "r"),
                new SetVfVlan("p0", 1, 10, 0, "r"), new SetVfTrust("p0", 1, true, false, "r"),
                new SetVfSpoofchk("p0", 1, false, true, "r"), new SetVfMaxRate("p0", 1, 1000, 0, "r"));
        assertThat(steps).extracting(Step::summary).containsExactly("mac 00:00:00:00:00:00 -> 02:00:00:00:00:01",
                "vlan 0 -> 10", "trust off -> on", "spoofchk on -> off", "max-rate 0 -> 1000");
        assertThat(steps).extracting(s -> argv(s.actions().get(0))).containsExactly(
                List.of("ip", "link", "set", "dev", "p0", "vf", "1", "mac", "02:00:00:00:00:01"),
                List.of("ip", "link", "set", "dev", "p0", "vf", "1", "vlan", "10"),
                List.of("ip", "link", "set", "dev", "p0", "vf", "1", "trust", "on"),
                List.of("ip", "link", "set", "dev", "p0", "vf", "1", "spoofchk", "off"),
                List.of("ip", "link", "set", "dev", "p0", "vf", "1", "max_tx_rate", "1000"));
        assertThat(steps).extracting(s -> argv(s.undo().actions().get(0))).extracting(a -> a.get(a.size() - 1))
                .containsExactly("00:00:00:00:00:00", "0", "off", "on", "0");
        assertThat(steps).extracting(Step::verify).containsExactly(
                List.of(new Probes.VfSettingIs("p0", 1, "mac", "02:00:00:00:00:01")),
                List.of(new Probes.VfSettingIs("p0", 1, "vlan", "10")),
                List.of(new Probes.VfSettingIs("p0", 1, "trust", "on")),
                List.of(new Probes.VfSettingIs("p0", 1, "spoofchk", "off")),
                List.of(new Probes.VfSettingIs("p0", 1, "max_tx_rate", "1000")));
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo("p0 vf 1");
            assertThat(s.bootPhase()).isEqualTo(BootPhase.PRE);
        });
    }

    @Test
    void anUnknownPreviousValueLeavesNothingToUndoAndIsLeftOutOfTheSummary() {
        Step s = new SetVfTrust("p0", 2, true, null, "r");
        assertThat(s.summary()).isEqualTo("trust on");
        assertThat(s.undo().actions()).isEmpty();
        assertThat(s.undo().note()).isEqualTo("the previous value was unknown");
    }

    @Test
    void theJournalStoresOnlyTheRecordsOwnFields() throws Exception {
        Step s = new SetVfMaxRate("p0", 1, 1000, null, "r");
        String text = JSON.writeValueAsString(s);
        assertThat(text).isEqualTo("{\"step\":\"SetVfMaxRate\",\"pfNetdev\":\"p0\",\"vf\":1,\"mbps\":1000,\"previous\":null,\"reason\":\"r\"}");
        assertThat(JSON.readValue(text, Step.class)).isEqualTo(s);
        Step t = new SetVfSpoofchk("p0", 1, false, true, "r");
        assertThat(JSON.writeValueAsString(t))
                .isEqualTo("{\"step\":\"SetVfSpoofchk\",\"pfNetdev\":\"p0\",\"vf\":1,\"on\":false,\"previous\":true,\"reason\":\"r\"}");
        assertThat(JSON.readValue(JSON.writeValueAsString(t), Step.class)).isEqualTo(t);
    }
}
