package dev.sriovctl.observe;

import dev.sriovctl.TestSnapshots;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.host.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotRecorderTest {

    @TempDir
    Path tmp;

    @Test
    void findsThePfsButNotTheirVfsAndRunsThePfCommandsAfterTheHostCommands() {
        TestSnapshots.switchdevHost(tmp.resolve("src"), false).finish(TestSnapshots.meta("pve1"));
        List<String> links = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        try (SnapshotHost h = SnapshotHost.open(tmp.resolve("src"))) {
            SnapshotRecorder r = new SnapshotRecorder(h, new SnapshotWriter(tmp.resolve("out")), new SnapshotRecorder.Copy() {
                @Override
                public void file(String path) {
                }

                @Override
                public Optional<String> link(String path) {
                    links.add(path);
                    // the PCI device directories, as the kernel lays them out (TestSnapshots)
                    return path.startsWith(SysfsLayout.PCI_DEVICES + "/")
                            ? Optional.of("/sys/devices/pci0000:00/0000:00:03.1/" + path.substring(path.lastIndexOf('/') + 1))
                            : Optional.empty();
                }

                @Override
                public void command(List<String> argv) {
                    commands.add(argv);
                }
            });
            SnapshotRecorder.Found found = r.files();
            r.commands(found);

            assertThat(found.pfs()).containsExactly("0000:01:00.0", "0000:01:00.1");
            // every netdev under a PF's net/ directory: kernels >= 5.8 list its representors there too
            assertThat(found.pfNetdevs()).containsExactly("ens1f0", "pf0vf0", "pf0vf1", "pf0vf2", "pf0vf3", "ens1f1");
            assertThat(links).contains("/sys/devices/pci0000:00/0000:00:03.1/0000:01:00.0/virtfn3",
                    "/sys/devices/pci0000:00/0000:00:03.1/0000:01:00.2/physfn");
            assertThat(commands).containsSubsequence(dev.sriovctl.host.CommandCatalog.hostCommands().get(0),
                    dev.sriovctl.host.CommandCatalog.pfCommands("0000:01:00.0").get(0),
                    dev.sriovctl.host.CommandCatalog.netdevCommands("ens1f1").get(0));
        }
    }
}
