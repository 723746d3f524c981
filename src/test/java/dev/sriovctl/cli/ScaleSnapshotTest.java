package dev.sriovctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's large host is a valid host: discover sees every representor and plan accepts the spec. */
class ScaleSnapshotTest {

    @TempDir
    Path tmp;

    @Test
    void aSmallScaleHostPlansEveryRepresentorAsABridgePort() throws Exception {
        ScaleSnapshot.write(tmp, 2, 2, 3);
        CliDriver.Result r = CliDriver.run("plan", "--snapshot", tmp.resolve("snapshot").toString(), "-f", tmp.resolve("spec.yaml").toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(0);
        assertThat(r.out()).contains("rename enp129s0f0r0 -> ovs-s1pf0vf0 and 11 more")
                .contains("ovs_ports bond2 ovs-s2pf0vf0 ovs-s2pf0vf1 ovs-s2pf0vf2 ovs-s2pf1vf0 ovs-s2pf1vf1 ovs-s2pf1vf2");
    }
}
