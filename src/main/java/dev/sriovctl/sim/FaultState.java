package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/** Injected faults (see docs/sim.md, "Faults"). Port link faults live on {@link PfState#portUp}. */
final class FaultState {
    /** Commands that fail: argv prefix -> exit code and stderr. */
    List<CommandFault> commands = new ArrayList<>();
    /** Canonical sysfs paths whose writes fail with EIO. */
    List<String> eioPaths = new ArrayList<>();
    /** Crash (exit 137, like kill -9) before mutating operation number {@code crashAt}; 0 = off. */
    long crashAt;

    /** One failing command. */
    record CommandFault(List<String> argvPrefix, int exit, String stderr) {
    }
}
