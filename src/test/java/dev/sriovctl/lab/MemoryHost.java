package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stand-in for another host in routing tests (the simulated NIC, until {@code sim.SimHost} lands):
 * files in memory, canned command results, and a record of what reached it.
 */
final class MemoryHost implements Host {
    private final String name;
    final Map<String, byte[]> files = new TreeMap<>();
    final Map<List<String>, CommandResult> commands = new java.util.HashMap<>();
    final List<String> seen = new ArrayList<>();
    Duration paused = Duration.ZERO;

    MemoryHost(String name) {
        this.name = name;
    }

    MemoryHost file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MemoryHost command(List<String> argv, String stdout) {
        commands.put(argv, new CommandResult(argv, 0, stdout, ""));
        return this;
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public Optional<String> hostname() {
        return Optional.of(name);
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        seen.add("read " + path);
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> list(String dir) {
        seen.add("list " + dir);
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return files.keySet().stream().filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()).split("/")[0]).distinct().sorted().toList();
    }

    @Override
    public Optional<String> readLink(String path) {
        seen.add("readlink " + path);
        return Optional.empty();
    }

    @Override
    public boolean exists(String path) {
        seen.add("exists " + path);
        return files.containsKey(path) || !list(path).isEmpty();
    }

    @Override
    public boolean isDirectory(String path) {
        seen.add("isdir " + path);
        return !list(path).isEmpty();
    }

    @Override
    public void writeAttribute(String path, String value) {
        seen.add("attr " + path + "=" + value);
        files.put(path, (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        seen.add("write " + path);
        files.put(path, content.clone());
    }

    @Override
    public void deleteFile(String path) {
        seen.add("delete " + path);
        files.remove(path);
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        seen.add("run " + String.join(" ", argv));
        return Optional.ofNullable(commands.get(argv));
    }

    @Override
    public void pause(Duration duration) {
        paused = paused.plus(duration);
    }
}
