package dev.sriovctl.verify;

import dev.sriovctl.pve.Finding;

import java.util.List;

/** The pve package's findings as doctor results, their evidence naming where the Proxmox data came from. */
final class PveFindings {
    private PveFindings() {
    }

    static List<CheckResult> results(List<Finding> findings, String source) {
        return findings.stream().map(f -> result(f, source)).toList();
    }

    static CheckResult result(Finding f, String source) {
        String evidence = f.evidence() + " (" + source + ")";
        return switch (f.status()) {
            case PASS -> CheckResult.pass(f.id(), f.subject(), evidence);
            case WARN -> CheckResult.warn(f.id(), f.subject(), evidence, f.fix());
            case FAIL -> CheckResult.fail(f.id(), f.subject(), evidence, f.fix());
            case SKIP -> CheckResult.skip(f.id(), f.subject(), evidence);
        };
    }
}
