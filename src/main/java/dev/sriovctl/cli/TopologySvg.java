package dev.sriovctl.cli;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code discover -o svg}: the DOT picture laid out by Graphviz's {@code dot} on the local machine
 * (whatever host was observed: a snapshot is drawn where sriovctl runs).
 */
final class TopologySvg {
    private TopologySvg() {
    }

    /** The SVG text, or a HostException naming the Debian package when {@code dot} is not installed. */
    static String render(String dot, Host local) {
        Path file = null;
        try {
            file = Files.createTempFile("sriovctl-topology-", ".dot");
            Files.writeString(file, dot, StandardCharsets.UTF_8);
            List<String> argv = CommandCatalog.graphvizSvg(file.toString());
            Optional<CommandResult> r = local.run(argv, Duration.ofSeconds(60));
            if (r.isEmpty()) {
                throw new HostException("'dot' (Graphviz) is not installed on this machine: install the package "
                        + "graphviz (apt-get install graphviz), or use -o dot and lay it out elsewhere");
            }
            return r.get().stdoutOrThrow();
        } catch (IOException e) {
            throw new HostException("cannot write a temporary file for dot: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover file in the temporary directory is harmless
                }
            }
        }
    }
}
