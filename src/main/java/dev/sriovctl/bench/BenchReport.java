package dev.sriovctl.bench;

/**
 * What {@code sriovctl bench -o json} prints: throughput against the link speed, retransmits and CPU.
 *
 * @param linkSpeedMbps   the interface's speed ({@code /sys/class/net/DEV/speed}, else ethtool); null when
 *                        unknown (link down, or a device that reports none)
 * @param receivedGbps    what arrived, in Gb/s (10^9 bit/s)
 * @param lineRatePercent receivedGbps against the link speed, null when the speed is unknown
 * @param hostCpuPercent  CPU of the client's host during the run (iperf3 cpu_utilization_percent.host_total)
 */
public record BenchReport(
        String server,
        String netns,
        String device,
        Integer linkSpeedMbps,
        String linkSpeedSource,
        String protocol,
        Integer streams,
        boolean reverse,
        Double seconds,
        Double sentGbps,
        Double receivedGbps,
        Double lineRatePercent,
        Long retransmits,
        Double hostCpuPercent,
        Double remoteCpuPercent,
        String iperf3Version) {
}
