package dev.sriovctl.plan;

import java.util.List;

/**
 * Waits until mlx5 reports the hardware LAG active ({@code /sys/kernel/debug/mlx5/<pf>/lag/state},
 * kernel 5.19+), before any VF is bound: binding earlier keeps VF-LAG from ever activating
 * (netplan commit 739ce1d6, LP #1988018; os-net-config _wait_for_lag_creation). The wait is bounded
 * ({@link #verifySeconds()}); where lag/state cannot be read (debugfs not mounted, a kernel before 5.19)
 * the step is refused at once with the reason instead of waiting ({@link Probes.LagStateReadable}).
 */
public record WaitForLagActive(String nicSlot, String pfPci, String bond, String reason) implements Step {

    @Override
    public String subject() {
        return bond + " (" + nicSlot + ")";
    }

    @Override
    public String summary() {
        return "wait for the hardware LAG";
    }

    @Override
    public List<Probe> precondition() {
        return List.of(new Probes.LagStateReadable(pfPci));
    }

    @Override
    public List<Action> actions() {
        return List.of();
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.LagStateIs(pfPci, "active"));
    }

    @Override
    public int verifySeconds() {
        return 30;
    }

    @Override
    public Undo undo() {
        return Undo.nothing(null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.POST;
    }
}
