package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan as a person reads it: a table of steps with their reasons, then every command in
 * order with what it checks, then the diff of every file, then the findings. Also the format of
 * the golden {@code expected-plan.txt} files.
 */
public final class PlanText {
    private PlanText() {
    }

    /**
     * @param locate turns a finding's spec path into {@code file:line:col} (or null)
     */
    public static String render(Plan plan, String specFile, java.util.function.Function<String, String> locate) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan for ").append(plan.hostname() == null ? "this host" : plan.hostname()).append(" from ").append(specFile)
                .append(": ");
        if (plan.converged()) {
            sb.append("0 changes, the host already matches the spec.\n");
        } else {
            long disruptive = plan.steps().stream().filter(Step::disruptive).count();
            sb.append(plan.changes()).append(plan.changes() == 1 ? " change" : " changes");
            if (disruptive > 0) sb.append(", ").append(disruptive).append(" of them disruptive (marked !)");
            sb.append(".\n\n");
            table(sb, plan);
            sb.append("\nWhat runs, in order:\n");
            commands(sb, plan);
        }
        if (!plan.files().isEmpty()) {
            sb.append("\nFile changes:\n");
            for (FileChange f : plan.files()) sb.append(f.diff());
        }
        if (!plan.findings().isEmpty()) {
            sb.append("\nFindings:\n");
            for (Finding f : plan.findings()) {
                String at = f.specPath() == null ? null : locate.apply(f.specPath());
                sb.append("  ").append(f.level()).append(": ").append(at == null ? f.subject() : at + " (" + f.subject() + ")").append(": ")
                        .append(f.message()).append('\n');
                if (f.fix() != null) sb.append("    fix: ").append(f.fix()).append('\n');
            }
        }
        if (!plan.blockers().isEmpty()) {
            sb.append("\napply would refuse this plan: ").append(plan.blockers().size()).append(" blocker")
                    .append(plan.blockers().size() == 1 ? "" : "s").append(" above.\n");
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Plan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"#", "STEP", "SUBJECT", "CHANGE", "WHY"});
        int i = 1;
        for (Step s : plan.steps()) {
            rows.add(new String[]{(i++) + (s.disruptive() ? "!" : ""), s.kind(), s.subject(), s.summary(), s.reason()});
        }
        int[] w = new int[4];
        for (String[] r : rows) for (int c = 0; c < 4; c++) w[c] = Math.max(w[c], r[c].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 4; c++) line.append(pad(r[c], w[c])).append("  ");
            line.append(r[4]);
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void commands(StringBuilder sb, Plan plan) {
        int i = 1;
        for (Step s : plan.steps()) {
            String n = String.valueOf(i++);
            sb.append(" ".repeat(Math.max(0, 3 - n.length()))).append(n).append(". ") // no String.format: start-up
                    .append(s.kind()).append(' ').append(s.subject()).append(": ").append(s.summary()).append('\n');
            for (Probe p : s.precondition()) sb.append("       requires: ").append(p.display()).append('\n');
            for (Action a : s.actions()) {
                sb.append("       run:      ").append(a.display()).append('\n');
                if (a instanceof RunCommand r && r.note() != null) sb.append("                 (").append(r.note()).append(")\n");
            }
            List<Probe> verify = s.verify();
            int shown = Math.min(verify.size(), 4);
            for (int k = 0; k < shown; k++) {
                sb.append("       check:    ").append(verify.get(k).display());
                if (k == 0 && s.verifySeconds() > 10) sb.append("   (within ").append(s.verifySeconds()).append("s)");
                sb.append('\n');
            }
            if (verify.size() > shown) sb.append("       check:    ... and ").append(verify.size() - shown).append(" more\n");
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
