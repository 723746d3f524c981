package dev.sriovctl.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The host selection of DESIGN section 1, the same on every command: nothing = this machine;
 * {@code --snapshot DIR|FILE.tar.gz} = a captured host (read-only); {@code --sim DIR} = a
 * simulated host (mutable).
 */
public final class HostOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    static final class Choice {
        @Option(names = "--snapshot", paramLabel = "DIR|FILE.tar.gz",
                description = "Read a captured host (made by 'sriovctl capture') instead of this machine.")
        Path snapshot;

        @Option(names = "--sim", paramLabel = "DIR",
                description = "Use a simulated host (made by 'sriovctl sim create').")
        Path sim;
    }

    public HostSelection selection() {
        if (choice == null) return HostSelection.local();
        if (choice.snapshot != null) return HostSelection.snapshot(choice.snapshot);
        return HostSelection.sim(choice.sim);
    }
}
