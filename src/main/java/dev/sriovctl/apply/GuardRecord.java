package dev.sriovctl.apply;

import java.util.List;

/**
 * The connectivity guard of a run, in the journal.
 *
 * @param probes        the probes, as given ({@code ping:ADDR}, {@code tcp:HOST:PORT})
 * @param confirmWithin seconds within which {@code apply --confirm} must come; 0 = no confirmation asked
 * @param deadline      ISO-8601 instant after which a later run rolls back an unconfirmed apply; null before the wait
 * @param timerUnit     the transient systemd timer that rolls back if this process dies, or null
 * @param why           why the guard is on (asked for, or the management bridge it protects)
 */
public record GuardRecord(List<String> probes, long confirmWithin, String deadline, String timerUnit, String why) {

    public GuardRecord {
        probes = List.copyOf(probes);
    }

    public GuardRecord withDeadline(String d, String unit) {
        return new GuardRecord(probes, confirmWithin, d, unit, why);
    }
}
