package dev.sriovctl.apply;

import dev.sriovctl.plan.BootPhase;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.render.BootUnitsRenderer;

import java.time.Duration;
import java.util.List;

/**
 * How one {@code apply} runs (run options, never part of the spec).
 *
 * @param allowDisruption change VF counts or modes even while a VF is bound to vfio-pci (a VM holds it)
 * @param confirmWithin   keep the old state restorable until {@code apply --confirm}; null = not asked for
 * @param probes          reachability checks after the last step; a failure rolls back
 * @param noGuard         never turn the guard on by default (the caller takes the risk)
 * @param bootPhase       run only the steps of this boot phase (the boot units); null = all
 * @param sriovctlPath    the command the boot units and the guard's timer run
 */
public record ApplyOptions(boolean allowDisruption, Duration confirmWithin, List<ConnectivityProbe> probes, boolean noGuard,
                           BootPhase bootPhase, String sriovctlPath) {

    /** The confirmation window used when the plan changes the bridge that carries the management address. */
    public static final Duration DEFAULT_GUARD = Duration.ofSeconds(120);

    public ApplyOptions {
        probes = List.copyOf(probes);
        sriovctlPath = sriovctlPath == null ? BootUnitsRenderer.DEFAULT_SRIOVCTL : sriovctlPath;
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, null, List.of(), false, null, null);
    }

    public ApplyOptions withConfirmWithin(Duration d) {
        return new ApplyOptions(allowDisruption, d, probes, noGuard, bootPhase, sriovctlPath);
    }

    public ApplyOptions withProbes(List<ConnectivityProbe> p) {
        return new ApplyOptions(allowDisruption, confirmWithin, p, noGuard, bootPhase, sriovctlPath);
    }

    public ApplyOptions withBootPhase(BootPhase phase) {
        return new ApplyOptions(allowDisruption, confirmWithin, probes, noGuard, phase, sriovctlPath);
    }

    public ApplyOptions withAllowDisruption(boolean allow) {
        return new ApplyOptions(allow, confirmWithin, probes, noGuard, bootPhase, sriovctlPath);
    }

    public ApplyOptions withNoGuard(boolean no) {
        return new ApplyOptions(allowDisruption, confirmWithin, probes, no, bootPhase, sriovctlPath);
    }

    /**
     * The planner's options. The planner warns about an unguarded management bridge only when no
     * guard can come; apply brings its own unless {@code --no-guard}.
     */
    PlanOptions planOptions() {
        Duration guard = confirmWithin != null ? confirmWithin : noGuard || bootPhase != null ? null : DEFAULT_GUARD;
        return new PlanOptions(allowDisruption, guard, sriovctlPath);
    }

    boolean guardAsked() {
        return confirmWithin != null || !probes.isEmpty();
    }
}
