package dev.sriovctl.sim;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.nio.file.Path;

/** A simulated twin of a captured host ({@code sim create --from SNAPSHOT}). */
public final class SnapshotTwin {
    private SnapshotTwin() {
    }

    public static SimHost create(Path snapshot, Path out) {
        throw new InputException(SourceLocation.of(snapshot.toString()), "not yet");
    }
}
