package dev.sriovctl.sim;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.Outcome;

import java.nio.file.Path;

/**
 * For bench/boot-phase (not a test): writes the simulated guide host as a reboot leaves it after
 * {@code sriovctl apply -f examples/guide-host.yaml} converged it, the host the boot units find
 * (made exactly as {@link ApplyBootPhaseTest} makes it): a fresh kernel (legacy, no VFs), /etc as
 * apply left it, the Open vSwitch database kept and its daemons started again.
 *
 * <p>Usage: {@code RebootedGuideHost WORKDIR}; the host is WORKDIR/rebooted.
 */
public final class RebootedGuideHost {
    private RebootedGuideHost() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path converged = SimApply.freshGuideHost(work.resolve("converged"));
        ApplyResult r = SimApply.apply(converged, ApplyOptions.defaults());
        if (r.outcome() != Outcome.CONVERGED) throw new IllegalStateException("apply did not converge: " + r.message());
        ApplyBootPhaseTest.rebooted(converged, work.resolve("rebooted"));
        System.out.println(work.resolve("rebooted"));
    }
}
