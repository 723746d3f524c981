package dev.sriovctl.pve;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.ForwardingHost;
import dev.sriovctl.host.Host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot that answers as a live host would (mutable): where its /proc and pid files can be trusted.
 * It runs no command; writes still reach the snapshot, which refuses them.
 */
final class LiveHost extends ForwardingHost {

    LiveHost(Host files) {
        super(files);
    }

    @Override
    public String description() {
        return "this machine";
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        return Optional.empty();
    }
}
