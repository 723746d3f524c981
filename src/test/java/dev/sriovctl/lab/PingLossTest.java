package dev.sriovctl.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output in iputils' layout ({@code ping/ping_common.c}: one reply line per answer from
 * {@code gather_statistics()}, the summary from {@code finish()}); bench/apply-ping reads real ones
 * on every run and keeps them in bench/out/.
 */
class PingLossTest {

    static final Duration TEN_MS = Duration.ofMillis(10);

    static String reply(int seq) {
        return "64 bytes from 198.18.0.254: icmp_seq=" + seq + " ttl=64 time=0.112 ms\n";
    }

    @Test
    void aRequestInFlightWhenPingIsStoppedIsNotALoss() {
        String out = "PING 198.18.0.254 (198.18.0.254) 56(84) bytes of data.\n" + reply(1) + reply(2) + reply(3)
                + "\n--- 198.18.0.254 ping statistics ---\n4 packets transmitted, 3 received, 25% packet loss, time 31ms\n";

        PingLoss l = PingLoss.parse(out, TEN_MS);

        assertThat(l.sent()).isEqualTo(3);
        assertThat(l.lost()).isZero();
        assertThat(l.summary().lost()).isEqualTo(1);
    }

    @Test
    void missingSequenceNumbersAreLostAndTheLongestRunIsTheGap() {
        String out = reply(1) + reply(2) + reply(5) + reply(6) + reply(8)
                + "8 packets transmitted, 5 received, 37.5% packet loss, time 71ms\n";

        PingLoss l = PingLoss.parse(out, TEN_MS);

        assertThat(l.sent()).isEqualTo(8);
        assertThat(l.lost()).isEqualTo(3);
        assertThat(l.longestGapMs()).isEqualTo(20);
    }

    @Test
    void duplicatesCountOnce() {
        String out = reply(1) + reply(1) + reply(2) + "2 packets transmitted, 2 received, +1 duplicates, 0% packet loss, time 11ms\n";

        assertThat(PingLoss.parse(out, TEN_MS).lost()).isZero();
    }
}
