package dev.sriovctl.sim;

import dev.sriovctl.Fixtures;
import dev.sriovctl.plan.Action;
import dev.sriovctl.plan.HostPlanner;
import dev.sriovctl.plan.Observation;
import dev.sriovctl.plan.Plan;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Probe;
import dev.sriovctl.plan.Step;
import dev.sriovctl.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argv, write and read-back the plan of examples/guide-host.yaml emits is answered by the simulated
 * host the way the real tools answer it: on a fresh cx6lx-2p host each step's preconditions hold, its actions
 * succeed and its verification holds right after (the simulator is instantaneous, so no retry is needed);
 * planning again afterwards finds nothing left to do.
 */
class PlanOnSimTest {

    @TempDir
    Path tmp;

    private static final Path SPEC = Fixtures.repo().resolve("examples/guide-host.yaml");

    @Test
    void everyStepOfTheGuideSpecRunsAndVerifiesOnAFreshHost() {
        try (SimHost h = Sims.guideLike(tmp)) {
            Plan plan = plan(h);
            assertThat(plan.steps()).isNotEmpty();
            List<String> done = new ArrayList<>();
            for (Step s : plan.steps()) {
                String what = s.kind() + " " + s.subject();
                for (Probe p : s.precondition()) assertThat(holds(h, p)).as("precondition of " + what + ": " + p.display()).isTrue();
                for (Action a : s.actions()) a.apply(h);
                for (Probe p : s.verify()) {
                    Observation o = p.check(h);
                    assertThat(o.ok()).as("after " + what + " (" + String.join(", ", done) + " done): " + p.display()
                            + " saw " + o.observed()).isTrue();
                }
                done.add(s.kind());
            }
            Plan again = plan(h);
            assertThat(again.steps()).as("steps left after running the plan: %s",
                    again.steps().stream().map(s -> s.kind() + " " + s.subject() + ": " + s.summary()).toList()).isEmpty();
        }
    }

    private static Plan plan(SimHost h) {
        return HostPlanner.plan(h, SpecLoader.read(SPEC), PlanOptions.defaults()).plan();
    }

    private static boolean holds(SimHost h, Probe p) {
        return p.check(h).ok();
    }
}
