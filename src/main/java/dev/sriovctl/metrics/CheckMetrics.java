package dev.sriovctl.metrics;

import dev.sriovctl.verify.CheckResult;
import dev.sriovctl.verify.CheckStatus;
import dev.sriovctl.verify.DoctorReport;

/**
 * One series per doctor result: {@code sriovctl_check_status{check, subject}}, with the status as a number
 * ordered by severity (skip -1, pass 0, warn 1, fail 2), so that one alert rule ({@code == 2}, or {@code >= 1})
 * and {@code max by (check)} work, and a series keeps its identity when its status changes.
 */
final class CheckMetrics {
    private CheckMetrics() {
    }

    static MetricFamily of(DoctorReport report) {
        MetricFamily.Builder b = MetricFamily.gauge("sriovctl_check_status",
                "Result of a doctor check on a subject: 0 pass, 1 warn, 2 fail, -1 skip (could not judge). Checks: docs/checks.md.");
        // a check may judge one subject twice: the worse result is the one to alert on
        for (CheckResult r : report.checks()) b.max(severity(r.status()), "check", r.id(), "subject", r.subject());
        return b.build();
    }

    static int severity(CheckStatus status) {
        return switch (status) {
            case SKIP -> -1;
            case PASS -> 0;
            case WARN -> 1;
            case FAIL -> 2;
        };
    }
}
