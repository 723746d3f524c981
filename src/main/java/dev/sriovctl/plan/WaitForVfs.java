package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Waits until the PF lists all its {@code virtfn} links: VF creation finishes asynchronously, and
 * switching the e-switch mode before it does fails ("bad resource state", sriov-network-operator
 * #1015, fixed by waiting for the links in PR #1019).
 */
public record WaitForVfs(String pfPci, int count, String reason) implements Step {

    @Override
    public String subject() {
        return pfPci;
    }

    @Override
    public String summary() {
        return "wait for " + count + " VF" + (count == 1 ? "" : "s");
    }

    @Override
    public List<Action> actions() {
        return List.of();
    }

    @Override
    public List<Probe> verify() {
        List<Probe> p = new ArrayList<>();
        for (int i = 0; i < count; i++) p.add(new Probes.PathExists(SysPaths.virtfn(pfPci, i)));
        return p;
    }

    /** sriov-network-operator polls up to 120 s; more VFs take longer. */
    @Override
    public int verifySeconds() {
        return Math.min(120, 10 + count);
    }

    @Override
    public Undo undo() {
        return Undo.nothing(null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
