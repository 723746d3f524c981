package dev.sriovctl.ansible;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds Debian's Ansible tools ({@code ansible-core}: ansible-playbook, ansible, ansible-vault,
 * ansible-doc; {@code ansible-lint}). Where one is missing the test skips with a loud reason; with
 * {@code SRIOVCTL_ANSIBLE=require} (set by {@code .ci/run}, which installs them) or
 * {@code -Dsriovctl.ansible=require} it fails instead, so CI cannot pass by skipping.
 */
final class AnsibleTools {
    private AnsibleTools() {
    }

    static boolean required() {
        return "require".equals(System.getProperty("sriovctl.ansible", System.getenv("SRIOVCTL_ANSIBLE")));
    }

    /** The tool's path, or the test is skipped (failed when required) naming the Debian package to install. */
    static Path require(String tool, String debianPackage, String who) {
        Optional<Path> found = find(tool);
        if (found.isPresent()) return found.get();
        String msg = "ANSIBLE TEST NOT RUN for " + who + ": " + tool + " is not installed (apt-get install " + debianPackage + ")";
        System.err.println("\n" + "!".repeat(100) + "\n!!! " + msg + "\n" + "!".repeat(100) + "\n");
        if (required()) Assertions.fail(msg + " (SRIOVCTL_ANSIBLE=require)");
        Assumptions.abort(msg);
        throw new IllegalStateException("unreachable");
    }

    static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
