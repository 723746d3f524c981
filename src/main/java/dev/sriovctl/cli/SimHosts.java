package dev.sriovctl.cli;

import dev.sriovctl.sim.SimHost;

import java.nio.file.Path;

/** Opens a simulated host directory ({@code --sim DIR}); closing it saves the host and releases its lock. */
final class SimHosts {
    private SimHosts() {
    }

    static HostSelection.OpenHost open(Path dir) {
        SimHost host = SimHost.open(dir);
        return new HostSelection.OpenHost(host, host::close);
    }
}
