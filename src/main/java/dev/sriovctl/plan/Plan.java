package dev.sriovctl.plan;

import dev.sriovctl.spec.Target;

import java.util.List;

/**
 * What it takes to bring one host to a spec: ordered steps (only for what differs), the file
 * changes among them with their diffs, and findings. A converged host has no steps.
 */
public record Plan(String hostname, List<Step> steps, List<FileChange> files, List<Finding> findings, Target target) {

    public Plan {
        steps = List.copyOf(steps);
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    public int changes() {
        return steps.size();
    }

    public boolean converged() {
        return steps.isEmpty();
    }

    public List<Finding> blockers() {
        return findings.stream().filter(f -> f.level() == Finding.Level.BLOCKER).toList();
    }

    public boolean disruptive() {
        return steps.stream().anyMatch(Step::disruptive);
    }
}
