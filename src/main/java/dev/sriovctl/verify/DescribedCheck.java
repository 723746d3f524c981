package dev.sriovctl.verify;

/** Carries a check's catalogue line (id, area, what holds, what it reads); the subclass only judges. */
abstract class DescribedCheck implements Check {
    private final String id;
    private final CheckArea area;
    private final String holdsWhen;
    private final String reads;

    DescribedCheck(String id, CheckArea area, String holdsWhen, String reads) {
        this.id = id;
        this.area = area;
        this.holdsWhen = holdsWhen;
        this.reads = reads;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final CheckArea area() {
        return area;
    }

    @Override
    public final String holdsWhen() {
        return holdsWhen;
    }

    @Override
    public final String reads() {
        return reads;
    }

    CheckResult pass(String subject, String evidence) {
        return CheckResult.pass(id, subject, evidence);
    }

    CheckResult fail(String subject, String evidence, String fix) {
        return CheckResult.fail(id, subject, evidence, fix);
    }

    CheckResult warn(String subject, String evidence, String fix) {
        return CheckResult.warn(id, subject, evidence, fix);
    }

    CheckResult skip(String subject, String missing) {
        return CheckResult.skip(id, subject, missing);
    }
}
