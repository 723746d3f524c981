package dev.sriovctl.observe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** On real iperf 3.12 outputs captured here (src/test/resources/iperf3/README.md says how). */
class Iperf3JsonParserTest {

    static String resource(String name) {
        try (InputStream in = Iperf3JsonParserTest.class.getResourceAsStream("/iperf3/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheSummaryOfATwoStreamRun() {
        Iperf3Result r = Iperf3JsonParser.parse(resource("iperf3.12-veth-netns-P2.json"));
        assertThat(r.ok()).isTrue();
        assertThat(r.version()).isEqualTo("iperf 3.12");
        assertThat(r.protocol()).isEqualTo("TCP");
        assertThat(r.streams()).isEqualTo(2);
        assertThat(r.reverse()).isFalse();
        assertThat(r.seconds()).isCloseTo(2.006184, within(1e-9));
        assertThat(r.sentBitsPerSecond()).isCloseTo(4685218921.980172, within(1e-3));
        assertThat(r.receivedBitsPerSecond()).isCloseTo(4672164100.600942, within(1e-3));
        assertThat(r.retransmits()).isZero();
        assertThat(r.hostCpuPercent()).isCloseTo(32.40043957510396, within(1e-9));
        assertThat(r.hostCpuUser()).isCloseTo(2.018918460013255, within(1e-9));
        assertThat(r.hostCpuSystem()).isCloseTo(30.381919461356176, within(1e-9));
        assertThat(r.remoteCpuPercent()).isCloseTo(24.010531337058115, within(1e-9));
    }

    @Test
    void readsAReverseRunWithRetransmits() {
        Iperf3Result r = Iperf3JsonParser.parse(resource("iperf3.12-veth-netns-P4-reverse.json"));
        assertThat(r.reverse()).isTrue();
        assertThat(r.streams()).isEqualTo(4);
        assertThat(r.retransmits()).isEqualTo(3);
        assertThat(r.receivedBitsPerSecond()).isCloseTo(7290231364.820088, within(1e-3));
    }

    @Test
    void aRefusedConnectionIsAnErrorNotAResult() {
        Iperf3Result r = Iperf3JsonParser.parse(resource("iperf3.12-connection-refused.json"));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("unable to connect to server: Connection refused");
        assertThat(r.receivedBitsPerSecond()).isNull();
        assertThat(r.retransmits()).isNull();
    }

    @Test
    void truncatedOutputSaysWhere() {
        String whole = resource("iperf3.12-veth-netns-P2.json");
        assertThatThrownBy(() -> Iperf3JsonParser.parse(whole.substring(0, whole.length() / 2)))
                .isInstanceOf(ParseException.class).hasMessageContaining("truncated");
    }

    @Test
    void jsonWithoutSummaryOrErrorIsRefused() {
        assertThatThrownBy(() -> Iperf3JsonParser.parse("{\"start\": {}}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> Iperf3JsonParser.parse("[]")).isInstanceOf(ParseException.class);
    }
}
