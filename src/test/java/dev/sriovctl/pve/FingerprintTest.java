package dev.sriovctl.pve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintTest {

    @Test
    void computesTheSameSha256AsKeytoolInProxmoxsFormat() {
        TestCertificate c = TestCertificate.named("pve1.invalid");
        assertThat(c.fingerprint().value()).isEqualTo(c.keytoolFingerprint())
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void acceptsLowerCaseAndNormalisesIt() {
        String upper = "AB:".repeat(31) + "CD";
        assertThat(Fingerprint.parse(upper.toLowerCase()).value()).isEqualTo(upper);
    }

    @Test
    void refusesWhatIsNotA32ByteFingerprint() {
        assertThatThrownBy(() -> Fingerprint.parse("AB:CD")).hasMessageContaining("not a SHA-256");
        assertThatThrownBy(() -> Fingerprint.parse("AB".repeat(32))).hasMessageContaining("pvenode cert info");
        assertThatThrownBy(() -> Fingerprint.parse("SHA256:" + "AB:".repeat(31) + "CD")).hasMessageContaining("not a SHA-256");
    }
}
