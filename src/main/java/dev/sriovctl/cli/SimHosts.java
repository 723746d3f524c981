package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.nio.file.Path;

/** Opens a simulated host directory (the sim package plugs in here). */
final class SimHosts {
    private SimHosts() {
    }

    static HostSelection.OpenHost open(Path dir) {
        throw new InputException(SourceLocation.of(dir.toString()), "simulated hosts are not available in this build",
                "use --snapshot DIR, or run on the host itself");
    }
}
