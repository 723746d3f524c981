package dev.sriovctl.ansible;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.sriovctl.ansible.AnsibleWorkspace.argv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's ansible-lint (6.13.1 in bookworm) passes the collection with the strictest profile,
 * {@code production}, and no rule skipped; ansible/.ansible-lint only lints galaxy.yml as plain YAML
 * (its schema wants a public repository URL the collection does not have yet).
 */
@Tag("ansible")
class AnsibleLintTest {

    @Test
    void theCollectionPassesTheProductionProfile(@TempDir Path home) {
        Path lint = AnsibleTools.require("ansible-lint", "ansible-lint", getClass().getSimpleName());
        AnsibleWorkspace ws = new AnsibleWorkspace(home);
        // ansible-lint installs the collection into its cache (XDG_CACHE_HOME) to resolve the roles and modules
        ws.env("HOME", home.toString()).env("XDG_CACHE_HOME", home.resolve("cache").toString()).env("ANSIBLE_CONFIG", null);

        AnsibleWorkspace.Result r = ws.runIn(ws.collection, argv(lint, "--nocolor"));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Passed with production profile: 0 failure(s), 0 warning(s)");
    }
}
