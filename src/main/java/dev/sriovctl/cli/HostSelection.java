package dev.sriovctl.cli;

import dev.sriovctl.host.Host;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotHost;

import java.nio.file.Path;

/** Which host a command works on, and how to open it. */
public record HostSelection(Kind kind, Path path) {

    public enum Kind { LOCAL, SNAPSHOT, SIM }

    public static HostSelection local() {
        return new HostSelection(Kind.LOCAL, null);
    }

    public static HostSelection snapshot(Path path) {
        return new HostSelection(Kind.SNAPSHOT, path);
    }

    public static HostSelection sim(Path path) {
        return new HostSelection(Kind.SIM, path);
    }

    /** Opens the host; the caller closes it (a snapshot archive is unpacked to a temporary folder). */
    public OpenHost open() {
        return switch (kind) {
            case LOCAL -> new OpenHost(new LocalHost(), null);
            case SNAPSHOT -> {
                SnapshotHost s = SnapshotHost.open(path);
                yield new OpenHost(s, s::close);
            }
            case SIM -> SimHosts.open(path);
        };
    }

    /** An open host and what closes it. */
    public record OpenHost(Host host, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            if (closer != null) closer.run();
        }
    }
}
