package dev.sriovctl.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary line of iputils {@code ping}: {@code N packets transmitted, M received[, +E errors][, +D duplicates], P% packet loss, time Tms}
 * (format from iputils {@code ping/ping_common.c}, function {@code finish()}; lab README section 3 shows real ones).
 */
public record PingSummary(int transmitted, int received) {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    public int lost() {
        return transmitted - received;
    }

    public static PingSummary parse(String output) {
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) throw new IllegalArgumentException("no ping summary line in:\n" + output);
        return new PingSummary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
