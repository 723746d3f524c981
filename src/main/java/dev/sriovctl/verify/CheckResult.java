package dev.sriovctl.verify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One result of {@code doctor} (DESIGN section 5): the check id, what it judged (a PF, VF, bridge, bond,
 * or the host), the verdict, the evidence (the exact value or log line and where it came from) and a fix a
 * person can paste. {@code fix} is null when nothing needs fixing; a SKIP's evidence says what was missing.
 */
@JsonPropertyOrder({"id", "subject", "status", "evidence", "fix"})
public record CheckResult(String id, String subject, CheckStatus status, String evidence, String fix) {

    public CheckResult {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("check id is required");
        if (subject == null || subject.isBlank()) throw new IllegalArgumentException("subject is required for " + id);
        if (status == null) throw new IllegalArgumentException("status is required for " + id);
        if (evidence == null || evidence.isBlank()) throw new IllegalArgumentException("evidence is required for " + id + " on " + subject);
    }

    public static CheckResult pass(String id, String subject, String evidence) {
        return new CheckResult(id, subject, CheckStatus.PASS, evidence, null);
    }

    public static CheckResult fail(String id, String subject, String evidence, String fix) {
        return new CheckResult(id, subject, CheckStatus.FAIL, evidence, fix);
    }

    public static CheckResult warn(String id, String subject, String evidence, String fix) {
        return new CheckResult(id, subject, CheckStatus.WARN, evidence, fix);
    }

    /** A check that could not judge; {@code missing} names the command or file that was absent. */
    public static CheckResult skip(String id, String subject, String missing) {
        return new CheckResult(id, subject, CheckStatus.SKIP, missing, null);
    }

    /** The two ways to fix something: the sriovctl command, and the manual command(s). */
    public static String fix(String sriovctl, String manual) {
        if (sriovctl == null || sriovctl.isBlank()) return "by hand: " + manual;
        if (manual == null || manual.isBlank()) return sriovctl;
        return sriovctl + "; or by hand: " + manual;
    }
}
