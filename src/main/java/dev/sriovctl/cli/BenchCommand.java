package dev.sriovctl.cli;

import dev.sriovctl.bench.Bench;
import dev.sriovctl.bench.BenchReport;
import dev.sriovctl.bench.BenchRequest;
import dev.sriovctl.host.LocalHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sriovctl bench}: iperf3 through a VF (or any interface) against its link speed. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput with iperf3 through a VF (or any interface) and compare it with the link speed; "
                + "also reports TCP retransmits and CPU use. Runs on this machine.",
                "The server is an iperf3 already listening at --server, or one started for this run in --server-netns. "
                        + "The link speed comes from sysfs (/sys/class/net/DEV/speed), else ethtool."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-c", "--server"}, required = true, paramLabel = "ADDRESS",
            description = "Address of the iperf3 server the client connects to.")
    String server;

    @Option(names = "--netns", paramLabel = "NS", description = "Run the client in this network namespace (e.g. the one holding the VF).")
    String netns;

    @Option(names = "--server-netns", paramLabel = "NS",
            description = "Start a one-off iperf3 server in this network namespace for the run (otherwise one must be listening).")
    String serverNetns;

    @Option(names = "--dev", paramLabel = "IFACE",
            description = "The interface to measure: the client binds to it and its speed is the reference. Default: the interface the route to the server uses.")
    String device;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "4",
            description = "Parallel TCP streams (default ${DEFAULT-VALUE}: one stream rarely fills 25 Gb/s and more).")
    int streams;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "10", description = "Duration (default ${DEFAULT-VALUE} s).")
    int seconds;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "5201", description = "iperf3 port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-R", "--reverse"}, description = "The server sends, the client receives.")
    boolean reverse;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BenchReport r = Bench.run(new LocalHost(),
                new BenchRequest(server, netns, serverNetns, device, streams, seconds, port, reverse));
        var out = spec.commandLine().getOut();
        switch (output.format()) {
            case JSON, YAML -> Printer.print(out, output.format(), r);
            default -> out.print(table(r));
        }
        out.flush();
        return ExitCode.OK;
    }

    static String table(BenchReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.iperf3Version() == null ? "iperf3" : r.iperf3Version()).append(" · ").append(r.protocol())
                .append(" · ").append(r.streams()).append(r.streams() != null && r.streams() == 1 ? " stream" : " streams")
                .append(" · ").append(fmt(r.seconds(), "%.0f s")).append(" · ")
                .append(r.reverse() ? "server " + r.server() + " → client" : "client → server " + r.server())
                .append(r.netns() == null ? "" : " (client in netns " + r.netns() + ")").append('\n');
        TextTable t = new TextTable("INTERFACE", "LINK", "RECEIVED", "OF LINK", "SENT", "RETRANSMITS", "CPU CLIENT", "CPU SERVER");
        t.row(r.device(), r.linkSpeedMbps() == null ? "unknown" : speed(r.linkSpeedMbps()), fmt(r.receivedGbps(), "%.2f Gb/s"),
                fmt(r.lineRatePercent(), "%.1f %%"), fmt(r.sentGbps(), "%.2f Gb/s"), r.retransmits(),
                fmt(r.hostCpuPercent(), "%.1f %%"), fmt(r.remoteCpuPercent(), "%.1f %%"));
        sb.append(t.render());
        if (r.linkSpeedMbps() == null) sb.append("link speed unknown (link down, or the device reports none): no line-rate figure\n");
        return sb.toString();
    }

    private static String speed(int mbps) {
        return mbps % 1000 == 0 ? mbps / 1000 + " Gb/s" : mbps + " Mb/s";
    }

    private static String fmt(Double v, String format) {
        return v == null ? null : String.format(Locale.ROOT, format, v);
    }
}
