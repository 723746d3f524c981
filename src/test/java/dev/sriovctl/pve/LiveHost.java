package dev.sriovctl.pve;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A snapshot that answers as a live host would (mutable): where its /proc and pid files can be trusted. */
final class LiveHost implements Host {
    private final Host files;

    LiveHost(Host files) {
        this.files = files;
    }

    @Override
    public String description() {
        return "this machine";
    }

    @Override
    public Optional<String> hostname() {
        return files.hostname();
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        return files.readBytes(path);
    }

    @Override
    public List<String> list(String dir) {
        return files.list(dir);
    }

    @Override
    public Optional<String> readLink(String path) {
        return files.readLink(path);
    }

    @Override
    public boolean exists(String path) {
        return files.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return files.isDirectory(path);
    }

    @Override
    public void writeAttribute(String path, String value) {
        throw new UnsupportedOperationException(path);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        throw new UnsupportedOperationException(path);
    }

    @Override
    public void deleteFile(String path) {
        throw new UnsupportedOperationException(path);
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        return Optional.empty();
    }
}
