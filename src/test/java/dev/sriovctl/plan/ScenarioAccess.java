package dev.sriovctl.plan;

import dev.sriovctl.observe.ConfigFiles;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.spec.Spec;

/** Opens the planner test scenarios to tests in other packages. */
public final class ScenarioAccess {
    private ScenarioAccess() {
    }

    public record State(Inventory inventory, ConfigFiles files) {
    }

    public static State named(String name, Spec spec) {
        Scenarios.HostState s = Scenarios.named(name, spec);
        return new State(s.inventory(), s.files());
    }
}
