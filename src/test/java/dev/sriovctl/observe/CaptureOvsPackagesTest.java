package dev.sriovctl.observe;

import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.verify.CheckCatalog;
import dev.sriovctl.verify.CheckResult;
import dev.sriovctl.verify.CheckStatus;
import dev.sriovctl.verify.DoctorContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureOvsPackagesTest {

    static final Path OVS_CTL = Path.of("/usr/share/openvswitch/scripts/ovs-ctl");

    @Test
    void captureRecordsTheOvsSumsAndScriptsVerbatimSoDoctorCanJudgeTheSnapshot(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/var/lib/dpkg/info/openvswitch-switch.md5sums")) && Files.isReadable(OVS_CTL),
                "Debian's openvswitch-switch is not installed here");
        Path snap = dir.resolve("snap");
        Capture.record(new LocalHost(), snap);
        assertThat(snap.resolve("fs/var/lib/dpkg/info/openvswitch-switch.md5sums")).exists();
        // byte for byte: ovs-ctl holds a "--private-key=" line the secret redaction would otherwise change
        assertThat(Files.readAllBytes(snap.resolve("fs" + OVS_CTL))).isEqualTo(Files.readAllBytes(OVS_CTL));
        try (SnapshotHost h = SnapshotHost.open(snap)) {
            List<CheckResult> r = CheckCatalog.byId("ovs-ctl-unpatched").orElseThrow().run(DoctorContext.of(h));
            Assumptions.assumeTrue(r.get(0).status() != CheckStatus.FAIL, "this machine's own openvswitch files were edited: " + r.get(0).evidence());
            assertThat(r.get(0).status()).isEqualTo(CheckStatus.PASS);
            assertThat(r.get(0).evidence()).contains("openvswitch-switch").contains("not recorded");
        }
    }
}
