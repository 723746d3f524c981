package dev.sriovctl.cli;

import dev.sriovctl.verify.Check;
import dev.sriovctl.verify.CheckArea;
import dev.sriovctl.verify.CheckCatalog;
import dev.sriovctl.verify.CheckResult;
import dev.sriovctl.verify.CheckStatus;
import dev.sriovctl.verify.DoctorReport;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The doctor report as a person reads it: grouped by area, one line per result, evidence and fix below. */
final class DoctorTable {
    private DoctorTable() {
    }

    private static final String RESET = "\u001b[0m";
    private static final Map<CheckStatus, String> COLOUR = Map.of(
            CheckStatus.PASS, "\u001b[32m", CheckStatus.FAIL, "\u001b[1;31m",
            CheckStatus.WARN, "\u001b[33m", CheckStatus.SKIP, "\u001b[2m");

    static String render(DoctorReport report, boolean colour) {
        Map<String, CheckArea> areaOf = CheckCatalog.all().stream().collect(Collectors.toMap(Check::id, Check::area));
        StringBuilder sb = new StringBuilder();
        for (CheckArea area : CheckArea.values()) {
            List<CheckResult> rows = report.checks().stream().filter(r -> areaOf.get(r.id()) == area).toList();
            if (rows.isEmpty()) continue;
            sb.append(area.title()).append('\n');
            for (CheckResult r : rows) {
                String word = r.status().name(); // PASS, FAIL, WARN, SKIP: four letters, the columns align
                sb.append("  ").append(colour ? COLOUR.get(r.status()) + word + RESET : word)
                        .append("  ").append(r.id()).append("  ").append(r.subject()).append('\n');
                sb.append("        ").append(r.evidence()).append('\n');
                if (r.fix() != null) sb.append("        fix: ").append(r.fix()).append('\n');
            }
            sb.append('\n');
        }
        sb.append(report.count(CheckStatus.PASS)).append(" passed, ")
                .append(report.count(CheckStatus.FAIL)).append(" failed, ")
                .append(report.count(CheckStatus.WARN)).append(" warnings, ")
                .append(report.count(CheckStatus.SKIP)).append(" skipped")
                .append(report.failed() ? "" : report.count(CheckStatus.WARN) > 0 ? " (warnings do not fail)" : "").append('\n');
        return sb.toString();
    }
}
