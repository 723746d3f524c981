package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /**
     * One result for each PF doctor judges ({@link DoctorContext#judgedPfs()}), in their order; when there is
     * none, one skip that says why ({@link DoctorContext#noPf}).
     */
    final List<CheckResult> eachPf(DoctorContext ctx, Function<Pf, CheckResult> judge) {
        List<Pf> pfs = ctx.judgedPfs();
        if (pfs.isEmpty()) return List.of(DoctorContext.noPf(this, ctx));
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : pfs) out.add(judge.apply(pf));
        return out;
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
