package dev.sriovctl.plan;

import java.util.List;

/**
 * Unbinds a VF from its driver: the e-switch mode cannot change while VFs are bound, and a VF-LAG
 * only (de)activates while none is (mlx5 lag.c "Make sure all VFs are unbound").
 *
 * @param driver the driver it is (or, right after creation, will be) bound to; null when unknown
 */
public record UnbindVf(String vfPci, String pfPci, int index, String driver, String reason, boolean disruptive) implements Step {

    @Override
    public String subject() {
        return vfPci + " (VF " + index + " of " + pfPci + ")";
    }

    @Override
    public String summary() {
        return "unbind" + (driver == null ? "" : " from " + driver);
    }

    @Override
    public List<Action> actions() {
        return List.of(new WriteAttribute(SysPaths.unbind(vfPci), vfPci, true));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.DriverIs(vfPci, null));
    }

    @Override
    public Undo undo() {
        if (driver == null) return Undo.nothing("the VF had no known driver");
        return Undo.of(WriteAttribute.of(SysPaths.bind(driver), vfPci));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
