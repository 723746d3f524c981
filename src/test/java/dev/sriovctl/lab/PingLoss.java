package dev.sriovctl.lab;

import java.time.Duration;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loss in the output of a {@code ping} without {@code -q} (one line per reply,
 * {@code 64 bytes from ADDR: icmp_seq=N ttl=64 time=0.1 ms}, iputils {@code ping/ping_common.c}
 * {@code gather_statistics()}), stopped by SIGINT. A request still in flight when ping is stopped
 * counts as lost in ping's own summary but is not a loss, so this counts only the sequence numbers
 * missing below the highest one answered.
 *
 * @param sent         requests up to the last one answered
 * @param lost         of those, requests never answered
 * @param longestGapMs the longest run of unanswered requests, times the interval
 * @param summary      ping's own summary line (transmitted, received; its loss includes the one in flight)
 */
public record PingLoss(int sent, int lost, long longestGapMs, PingSummary summary) {

    private static final Pattern REPLY = Pattern.compile("bytes from [^ ]+: icmp_seq=(\\d+) ");

    public static PingLoss parse(String output, Duration interval) {
        TreeSet<Integer> answered = new TreeSet<>();
        for (String line : output.lines().toList()) {
            Matcher m = REPLY.matcher(line);
            if (m.find()) answered.add(Integer.parseInt(m.group(1)));
        }
        PingSummary summary = PingSummary.parse(output);
        if (answered.isEmpty()) return new PingLoss(summary.transmitted(), summary.transmitted(), summary.transmitted() * interval.toMillis(), summary);
        int last = answered.last();
        int lost = 0;
        int run = 0;
        int longest = 0;
        for (int seq = 1; seq <= last; seq++) {
            if (answered.contains(seq)) {
                run = 0;
            } else {
                lost++;
                longest = Math.max(longest, ++run);
            }
        }
        return new PingLoss(last, lost, longest * interval.toMillis(), summary);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d lost (longest gap %d ms)", lost, sent, longestGapMs);
    }
}
