package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {

    static final String VALUE = "5f3b1c2d-8e9a-4b7c-a1d2-e3f4a5b6c7d8";

    @TempDir
    Path dir;

    private Path file(String content, String mode) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void readsTheSecretFromAnOwnerOnlyFileAndNeverShowsIt() throws Exception {
        Secret s = Secret.fromFile(file(VALUE + "\n", "rw-------"));
        assertThat(s.reveal()).isEqualTo(VALUE);
        assertThat(s.toString()).isEqualTo("<redacted>").doesNotContain(VALUE);
        assertThat(new ApiToken(TokenId.parse("sriovctl@pve!ops"), s).toString()).contains("sriovctl@pve!ops").doesNotContain(VALUE);
        assertThat(Secret.fromFile(file(VALUE, "r--------"))).isEqualTo(s);
        PveConnection c = PveConnection.of(PveConnection.apiBase("pve1"), new ApiToken(TokenId.parse("sriovctl@pve!ops"), s), null);
        assertThat(c.toString()).contains("sriovctl@pve!ops").doesNotContain(VALUE);
        assertThat(PveClient.connect(c).toString()).doesNotContain(VALUE);
    }

    @Test
    void refusesAGroupOrWorldReadableFileWithTheModeAndTheFix() throws Exception {
        Path f = file(VALUE, "rw-r--r--");
        assertThatThrownBy(() -> Secret.fromFile(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("accessible by group or others (mode 0644)")
                .hasMessageContaining("chmod 600 " + f)
                .hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> Secret.fromFile(file(VALUE, "rw-r-----"))).hasMessageContaining("mode 0640");
        assertThatThrownBy(() -> Secret.fromFile(file(VALUE, "rw-----w-"))).hasMessageContaining("mode 0602");
    }

    @Test
    void refusesAFileHoldingTheWholeTokenWithoutEchoingIt() throws Exception {
        String whole = "sriovctl@pve!ops=" + VALUE;
        assertThatThrownBy(() -> Secret.fromFile(file(whole, "rw-------")))
                .hasMessageContaining("holds more than the token secret").hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> Secret.fromFile(file("", "rw-------"))).hasMessageContaining("empty");
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent"))).hasMessageContaining("not found");
    }

    @Test
    void readsTheEnvironmentVariableOrSaysWhichToSet() {
        assertThat(Secret.fromEnvironment(Map.of(Secret.ENV, VALUE)).reveal()).isEqualTo(VALUE);
        assertThatThrownBy(() -> Secret.fromEnvironment(Map.of())).isInstanceOf(InputException.class)
                .hasMessageContaining("PVE_TOKEN_SECRET").hasMessageContaining("--token-file");
    }

    @Test
    void authorizationHeaderIsPvesTokenFormat() {
        ApiToken t = new ApiToken(TokenId.parse("sriovctl@pve!ops"), Secret.of(VALUE));
        assertThat(t.authorization()).isEqualTo("PVEAPIToken=sriovctl@pve!ops=" + VALUE);
    }

    @Test
    void tokenIdsFollowPvesFormat() {
        TokenId id = TokenId.parse("root@pam!sriovctl");
        assertThat(id.userId()).isEqualTo("root@pam");
        assertThat(id.name()).isEqualTo("sriovctl");
        assertThatThrownBy(() -> TokenId.parse("sriovctl@pve")).hasMessageContaining("USER@REALM!TOKENID");
        assertThatThrownBy(() -> TokenId.parse("sriovctl!ops")).hasMessageContaining("USER@REALM!TOKENID");
        assertThatThrownBy(() -> TokenId.parse("a@pve!1abc")).hasMessageContaining("USER@REALM!TOKENID");
    }
}
