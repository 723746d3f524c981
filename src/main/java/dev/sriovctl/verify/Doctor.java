package dev.sriovctl.verify;

import dev.sriovctl.InputException;
import dev.sriovctl.host.HostException;

import java.util.ArrayList;
import java.util.List;

/** Runs the catalogue on a context. A check that breaks is reported as a SKIP naming the error; the others still run. */
public final class Doctor {
    private Doctor() {
    }

    public static DoctorReport run(DoctorContext ctx) {
        return run(ctx, CheckCatalog.all());
    }

    public static DoctorReport run(DoctorContext ctx, List<Check> checks) {
        ctx.inventory(); // a snapshot that cannot be read is bad input for the whole run, not for one check
        List<CheckResult> out = new ArrayList<>();
        for (Check c : checks) {
            try {
                List<CheckResult> r = c.run(ctx);
                if (r.isEmpty()) throw new IllegalStateException(c.id() + " returned no result");
                out.addAll(r);
            } catch (InputException | HostException e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(CheckResult.skip(c.id(), "host", "the check could not run: " + e
                        + " (please report it with a snapshot: sriovctl capture)"));
            }
        }
        return new DoctorReport(out);
    }
}
