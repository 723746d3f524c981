package dev.sriovctl.observe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses {@code iperf3 -J} (client side). The field names are iperf3's (src/iperf_api.c,
 * {@code iperf_print_results}: {@code end.sum_sent}, {@code end.sum_received},
 * {@code end.cpu_utilization_percent}); UDP runs have {@code end.sum} instead of sent/received.
 * A failed run carries {@code "error"} and an empty {@code end}; iperf3 3.12 may still exit 0
 * then, so the error field, not the exit status, says whether the run worked.
 */
public final class Iperf3JsonParser {
    private Iperf3JsonParser() {
    }

    public static Iperf3Result parse(String text) {
        JsonNode root = JsonTreeParser.parse(text);
        if (!root.isObject()) throw new ParseException("iperf3 -J output is not a JSON object", 1, 1);
        JsonNode start = root.path("start");
        JsonNode test = start.path("test_start");
        JsonNode end = root.path("end");
        String error = text(root.path("error"));
        JsonNode sent = end.has("sum_sent") ? end.path("sum_sent") : end.path("sum");
        JsonNode received = end.has("sum_received") ? end.path("sum_received") : end.path("sum");
        JsonNode cpu = end.path("cpu_utilization_percent");
        if (error == null && !sent.isObject()) {
            throw new ParseException("iperf3 -J output has neither an 'end' summary nor an 'error'", 0, 0);
        }
        return new Iperf3Result(
                text(start.path("version")),
                text(test.path("protocol")),
                integer(test.path("num_streams")),
                test.path("reverse").asInt(0) != 0,
                number(received.path("seconds")),
                number(sent.path("bits_per_second")),
                number(received.path("bits_per_second")),
                sent.path("retransmits").isNumber() ? sent.path("retransmits").asLong() : null,
                number(cpu.path("host_total")),
                number(cpu.path("host_user")),
                number(cpu.path("host_system")),
                number(cpu.path("remote_total")),
                error);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Integer integer(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
