package dev.sriovctl.host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A test host that passes every call to another host; subclasses override only what they change
 * (answer one command themselves, note a write, claim to be mutable). {@code originOf} and
 * {@code originOfFile} keep the {@link Host} defaults: the wrapper is the host the code under test
 * sees, and it names its evidence as a live machine would.
 */
public abstract class ForwardingHost implements Host {
    private final Host delegate;

    protected ForwardingHost(Host delegate) {
        this.delegate = delegate;
    }

    protected Host delegate() {
        return delegate;
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public Optional<String> hostname() {
        return delegate.hostname();
    }

    @Override
    public boolean mutable() {
        return delegate.mutable();
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        return delegate.readBytes(path);
    }

    @Override
    public List<String> list(String dir) {
        return delegate.list(dir);
    }

    @Override
    public Optional<String> readLink(String path) {
        return delegate.readLink(path);
    }

    @Override
    public boolean exists(String path) {
        return delegate.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return delegate.isDirectory(path);
    }

    @Override
    public void writeAttribute(String path, String value) {
        delegate.writeAttribute(path, value);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        delegate.writeFile(path, content, mode);
    }

    @Override
    public void deleteFile(String path) {
        delegate.deleteFile(path);
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        return delegate.run(argv, timeout);
    }

    @Override
    public void pause(Duration duration) {
        delegate.pause(duration);
    }
}
