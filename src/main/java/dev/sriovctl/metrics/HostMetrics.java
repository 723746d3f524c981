package dev.sriovctl.metrics;

import dev.sriovctl.verify.Doctor;
import dev.sriovctl.verify.DoctorContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sriovctl metrics}: a host's figures for Prometheus (docs/metrics.md), from the same sources as
 * {@code discover} and {@code doctor}: the inventory, the datapath flows and every doctor result. A figure that
 * could not be read has no series (absent means "not known"; it is never reported as 0).
 */
public final class HostMetrics {
    private HostMetrics() {
    }

    public static List<MetricFamily> collect(DoctorContext ctx, Clock clock) {
        Instant start = clock.instant();
        var pve = ctx.proxmox();
        List<MetricFamily> out = new ArrayList<>(PfMetrics.of(ctx.inventory(), pve.present() ? Optional.of(pve.value()) : Optional.empty()));
        out.addAll(BondMetrics.of(ctx.inventory()));
        out.addAll(FlowMetrics.of(ctx));
        out.add(CheckMetrics.of(Doctor.run(ctx)));
        Instant end = clock.instant();
        out.add(MetricFamily.gauge("sriovctl_scrape_timestamp_seconds",
                "When sriovctl finished reading the host (Unix time): time() minus it is the age of these figures.")
                .add(end.toEpochMilli() / 1000.0).build());
        out.add(MetricFamily.gauge("sriovctl_scrape_duration_seconds",
                "How long sriovctl took to read the host and run the checks.")
                .add(Duration.between(start, end).toNanos() / 1e9).build());
        return out;
    }
}
