package dev.sriovctl.verify;

import dev.sriovctl.host.Host;
import dev.sriovctl.host.SnapshotHost;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs one check of the catalogue on a test host. */
final class Checks {
    private Checks() {
    }

    static List<CheckResult> run(SnapshotBuilder host, String id) {
        return run(host, id, c -> c);
    }

    static List<CheckResult> run(SnapshotBuilder host, String id, UnaryOperator<DoctorContext> with) {
        try (SnapshotHost h = host.build()) {
            return run(h, id, with);
        }
    }

    /** Any host: a snapshot, or a simulated host with an injected fault (sim.SimHost). */
    static List<CheckResult> run(Host host, String id, UnaryOperator<DoctorContext> with) {
        Check check = CheckCatalog.byId(id).orElseThrow(() -> new AssertionError("no check " + id));
        List<CheckResult> r = check.run(with.apply(DoctorContext.of(host)));
        assertThat(r).as(id + " returns at least one result").isNotEmpty();
        assertThat(r).allSatisfy(x -> assertThat(x.id()).isEqualTo(id));
        return r;
    }

    /** The only result, asserting there is exactly one. */
    static CheckResult one(SnapshotBuilder host, String id) {
        List<CheckResult> r = run(host, id);
        assertThat(r).as(id).hasSize(1);
        return r.get(0);
    }

    static CheckResult one(SnapshotBuilder host, String id, UnaryOperator<DoctorContext> with) {
        List<CheckResult> r = run(host, id, with);
        assertThat(r).as(id).hasSize(1);
        return r.get(0);
    }

    static List<CheckStatus> statuses(List<CheckResult> r) {
        return r.stream().map(CheckResult::status).toList();
    }
}
