package dev.sriovctl.plan;

import dev.sriovctl.render.RenderedFile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The plan for automation ({@code plan -o json}); the shape is documented in docs/plan.md.
 * Steps carry their actions, probes and undo as data, so a script can read exactly what apply
 * would run.
 */
public record PlanReport(String host, String spec, int changes, boolean converged, boolean disruptive,
                         List<StepView> steps, List<FileView> files, List<FindingView> findings) {

    public record StepView(int index, String step, String subject, String summary, String reason, boolean disruptive,
                           String bootPhase, List<Probe> precondition, List<Action> actions, List<Probe> verify,
                           int verifySeconds, Undo undo) {
    }

    public record FileView(String path, String change, String mode, String diff) {
    }

    public record FindingView(String level, String subject, String message, String fix, String location) {
    }

    /** This report with findings added in front (the spec's own warnings). */
    public PlanReport withFindings(List<FindingView> first) {
        List<FindingView> all = new ArrayList<>(first);
        all.addAll(findings);
        return new PlanReport(host, spec, changes, converged, disruptive, steps, files, all);
    }

    public static PlanReport of(Plan plan, String specFile, Function<String, String> locate) {
        List<StepView> steps = new ArrayList<>();
        int i = 1;
        for (Step s : plan.steps()) {
            steps.add(new StepView(i++, s.kind(), s.subject(), s.summary(), s.reason(), s.disruptive(), s.bootPhase().toString(),
                    s.precondition(), s.actions(), s.verify(), s.verifySeconds(), s.undo()));
        }
        List<FileView> files = plan.files().stream()
                .map(f -> new FileView(f.path(), f.kind().toString(), RenderedFile.octal(f.mode()), f.diff())).toList();
        List<FindingView> findings = plan.findings().stream().map(f -> new FindingView(f.level().toString(), f.subject(), f.message(),
                f.fix(), f.specPath() == null ? null : locate.apply(f.specPath()))).toList();
        return new PlanReport(plan.hostname(), specFile, plan.changes(), plan.converged(), plan.disruptive(), steps, files, findings);
    }
}
