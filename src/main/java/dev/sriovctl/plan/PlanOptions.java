package dev.sriovctl.plan;

import dev.sriovctl.render.BootUnitsRenderer;

import java.time.Duration;

/**
 * How a plan may be carried out (run options, never part of the spec).
 *
 * @param allowDisruption plan VF count/mode changes even while a VF is bound to vfio-pci (a VM holds it)
 * @param confirmWithin   the connectivity guard apply will use; null = none (the plan warns when it
 *                        changes the bridge that carries a management address)
 * @param sriovctlPath    the command the boot units run
 */
public record PlanOptions(boolean allowDisruption, Duration confirmWithin, String sriovctlPath) {

    public PlanOptions {
        sriovctlPath = sriovctlPath == null ? BootUnitsRenderer.DEFAULT_SRIOVCTL : sriovctlPath;
    }

    public static PlanOptions defaults() {
        return new PlanOptions(false, null, null);
    }
}
