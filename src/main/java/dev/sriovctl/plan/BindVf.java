package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a VF to its driver the way driverctl does: {@code driver_override}, unbind from any other
 * driver, then {@code drivers_probe}. Runs last (after the LAG is active, for VF-LAG) and again at
 * boot from sriovctl-post.service, because re-created VFs forget their override.
 *
 * @param previousDriver the driver it had at this point of the plan (null = none), for the undo
 */
public record BindVf(String vfPci, String pfPci, int index, String driver, String previousDriver, String reason,
                     boolean disruptive) implements Step {

    @Override
    public String subject() {
        return vfPci + " (VF " + index + " of " + pfPci + ")";
    }

    @Override
    public String summary() {
        return (previousDriver == null ? "none" : previousDriver) + " -> " + driver;
    }

    @Override
    public List<Action> actions() {
        return List.of(WriteAttribute.of(SysPaths.driverOverride(vfPci), driver),
                new WriteAttribute(SysPaths.unbind(vfPci), vfPci, true),
                WriteAttribute.of(SysPaths.driversProbe(), vfPci));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.DriverIs(vfPci, driver));
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>();
        a.add(WriteAttribute.of(SysPaths.driverOverride(vfPci), "\n"));
        a.add(new WriteAttribute(SysPaths.unbind(vfPci), vfPci, true));
        if (previousDriver != null) a.add(WriteAttribute.of(SysPaths.bind(previousDriver), vfPci));
        return new Undo(a, null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.POST;
    }
}
