package dev.sriovctl.sim.ifupdown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A host's configuration files for tests: inline text, or a fixture file read in place at each access. */
final class TestFiles implements ConfigFiles {
    private final TreeMap<String, Object> files = new TreeMap<>();

    TestFiles text(String path, String text) {
        files.put(path, text);
        return this;
    }

    TestFiles file(String path, Path real) {
        files.put(path, real);
        return this;
    }

    void remove(String path) {
        files.remove(path);
    }

    @Override
    public Optional<String> read(String path) {
        Object o = files.get(path);
        if (o == null) return Optional.empty();
        if (o instanceof String s) return Optional.of(s);
        try {
            return Optional.of(Files.readString((Path) o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> list(String dir) {
        List<String> out = new ArrayList<>();
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        for (String p : files.keySet()) {
            if (p.startsWith(prefix) && !p.substring(prefix.length()).contains("/")) out.add(p.substring(prefix.length()));
        }
        return out;
    }
}
