package dev.sriovctl.plan;

import dev.sriovctl.spec.Target;

import java.util.List;

/**
 * What it takes to bring one host to a spec: ordered steps (only for what differs), the file
 * changes among them with their diffs, and findings. A converged host has no steps.
 *
 * @param guardedBridges bridges this plan changes that carry an address an administrator may be
 *                       connected through; apply turns its connectivity guard on for them
 */
public record Plan(String hostname, List<Step> steps, List<FileChange> files, List<Finding> findings, Target target,
                   List<String> guardedBridges) {

    public Plan {
        steps = List.copyOf(steps);
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        guardedBridges = List.copyOf(guardedBridges);
    }

    public Plan(String hostname, List<Step> steps, List<FileChange> files, List<Finding> findings, Target target) {
        this(hostname, steps, files, findings, target, List.of());
    }

    /** The same plan with only these steps (a boot phase runs a part of it). */
    public Plan withSteps(List<Step> only) {
        return new Plan(hostname, only, files, findings, target, guardedBridges);
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
