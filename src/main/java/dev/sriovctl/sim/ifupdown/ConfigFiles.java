package dev.sriovctl.sim.ifupdown;

import dev.sriovctl.host.Host;

import java.util.List;
import java.util.Optional;

/** Where ifupdown2 reads /etc/network/interfaces and what it sources: a host, or any file tree in tests. */
public interface ConfigFiles {

    /** A file's text, or empty when it does not exist. */
    Optional<String> read(String path);

    /** The entry names of a directory, sorted; empty when it does not exist. */
    List<String> list(String dir);

    static ConfigFiles of(Host host) {
        return new ConfigFiles() {
            @Override
            public Optional<String> read(String path) {
                return host.read(path);
            }

            @Override
            public List<String> list(String dir) {
                return host.list(dir);
            }
        };
    }
}
