package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What capture removes from recorded text. A VM configuration's cloud-init password is stored by qemu-server as
 * "cipassword: <crypt hash>" (src/PVE/API2/Qemu.pm hashes it with PVE::Tools::encrypt_pw before writing); a
 * hand-edited file may hold it in clear.
 */
class RedactorTest {

    @Test
    void aVmConfigsHashedCloudInitPasswordIsRedacted() {
        assertThat(Redactor.redact("ciuser: root\ncipassword: $5$Yq8mZ1c2$Vt3o0y8bTQf1Lxkq.3/abcdEFGH\nipconfig0: ip=dhcp\n"))
                .isEqualTo("ciuser: root\ncipassword: <redacted>\nipconfig0: ip=dhcp\n");
    }

    @Test
    void aClearTextCloudInitPasswordIsRedactedToTheEndOfTheLine() {
        assertThat(Redactor.redact("cipassword: correct horse, battery staple\nname: web1\n"))
                .isEqualTo("cipassword: <redacted>\nname: web1\n");
    }

    @Test
    void theRestOfARealVmConfigIsKeptAsItIs() {
        String conf = Fixtures.body("proxmox/qm-config-hostpci-mapping-qemu-server-test.txt");
        assertThat(Redactor.redact(conf)).isEqualTo(conf);
        assertThat(Redactor.redact(conf + "cipassword: hunter2\n")).isEqualTo(conf + "cipassword: <redacted>\n");
    }

    @Test
    void tokensAndSecretsStayRedacted() {
        assertThat(Redactor.redact("Authorization: PVEAPIToken=root@pam!x=aaaa-bbbb\n{\"secret\": \"s3\"}"))
                .doesNotContain("aaaa-bbbb").doesNotContain("s3\"");
    }
}
