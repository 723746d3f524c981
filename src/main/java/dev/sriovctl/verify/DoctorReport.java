package dev.sriovctl.verify;

import java.util.List;

/** The JSON of DESIGN section 5: {@code {"checks": [...]}}. */
public record DoctorReport(List<CheckResult> checks) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** Whether any check failed (doctor exits 1 then; a WARN does not fail). */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
