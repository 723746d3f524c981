package dev.sriovctl.cli;

import dev.sriovctl.metrics.ExpositionRenderer;
import dev.sriovctl.metrics.HostMetrics;
import dev.sriovctl.metrics.Textfile;
import dev.sriovctl.verify.DoctorContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code sriovctl metrics}: the host's figures in the Prometheus text format, for node_exporter's textfile collector. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Print the host's figures in the Prometheus text format, or write them for node_exporter's textfile collector (--textfile): "
                + "VFs per PF, VFs held for VMs, e-switch modes, bond members and LACP, hardware LAG, datapath flows (all and offloaded), "
                + "and every doctor result as sriovctl_check_status (0 pass, 1 warn, 2 fail, -1 skip). See docs/metrics.md.",
                "Changes nothing on the host. Exits 0 when the figures were written, whatever the checks found: alert on the values.",
                "Doctor's inputs are doctor's options: -f, --node, and the PVE API (--api ...) or else /etc/pve for the Proxmox facts."})
public final class MetricsCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    DoctorOptions judge;

    @Mixin
    PveOptions pve;

    @Option(names = "--textfile", paramLabel = "DIR|FILE.prom",
            description = {"Write DIR/sriovctl.prom (or FILE.prom) atomically on this machine instead of printing, "
                    + "e.g. /var/lib/prometheus/node-exporter (Debian's node_exporter reads *.prom there). "
                    + "The file is always written here, also with --snapshot or --sim."})
    Path textfile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (textfile != null) Textfile.target(textfile); // a wrong directory is reported before the host is read
        judge.readSpec();
        String text;
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            DoctorContext ctx = judge.context(open.host(), pve, spec.commandLine().getErr());
            text = ExpositionRenderer.render(HostMetrics.collect(ctx, Clock.systemUTC()));
        }
        if (textfile == null) {
            var out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            Textfile.write(textfile, text);
        }
        return ExitCode.OK;
    }
}
