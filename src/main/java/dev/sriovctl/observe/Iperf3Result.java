package dev.sriovctl.observe;

/**
 * What one iperf3 client run measured ({@code iperf3 -J}, its {@code end} section).
 *
 * @param sentBitsPerSecond     {@code end.sum_sent.bits_per_second}: what the sending side pushed
 * @param receivedBitsPerSecond {@code end.sum_received.bits_per_second}: what arrived (the figure to report)
 * @param retransmits           TCP retransmits of the sender ({@code end.sum_sent.retransmits}); null for UDP
 *                              or when iperf3 could not read them
 * @param hostCpuPercent        {@code cpu_utilization_percent.host_total}: CPU of the client's host
 * @param remoteCpuPercent      {@code cpu_utilization_percent.remote_total}: CPU of the server's host
 * @param error                 iperf3's {@code error} text when the test failed (nothing else is then known)
 */
public record Iperf3Result(
        String version,
        String protocol,
        Integer streams,
        boolean reverse,
        Double seconds,
        Double sentBitsPerSecond,
        Double receivedBitsPerSecond,
        Long retransmits,
        Double hostCpuPercent,
        Double hostCpuUser,
        Double hostCpuSystem,
        Double remoteCpuPercent,
        String error) {

    public boolean ok() {
        return error == null;
    }
}
