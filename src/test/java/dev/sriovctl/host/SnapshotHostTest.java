package dev.sriovctl.host;

import dev.sriovctl.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotHostTest {

    @TempDir
    Path dir;

    private SnapshotWriter minimal() {
        SnapshotWriter w = new SnapshotWriter(dir);
        w.file("/sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0/vendor", "0x15b3\n");
        w.link("/sys/bus/pci/devices/0000:81:00.0", "../../../devices/pci0000:80/0000:80:03.1/0000:81:00.0");
        w.command(new CommandResult(List.of("ovs-appctl", "bond/show"), 0, "---- bond1 ----\n", ""));
        return w;
    }

    private static SnapshotFormat.Meta meta() {
        return new SnapshotFormat.Meta(SnapshotFormat.FORMAT, "pve1", "2026-11-25T00:00:00Z", "6.8.12-4-pve");
    }

    @Test
    void readsFilesThroughRelativeSymlinksAsTheKernelResolvesThem() {
        minimal().finish(meta());
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            assertThat(h.read("/sys/bus/pci/devices/0000:81:00.0/vendor")).contains("0x15b3\n");
            assertThat(h.readLink("/sys/bus/pci/devices/0000:81:00.0")).contains("../../../devices/pci0000:80/0000:80:03.1/0000:81:00.0");
            assertThat(h.list("/sys/bus/pci/devices")).containsExactly("0000:81:00.0");
            assertThat(h.hostname()).contains("pve1");
            assertThat(h.read("/sys/bus/pci/devices/0000:81:00.0/absent")).isEmpty();
        }
    }

    @Test
    void answersRecordedCommandsAndReportsOthersAsUnknown() {
        minimal().finish(meta());
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            assertThat(h.run(List.of("ovs-appctl", "bond/show"))).get()
                    .satisfies(r -> assertThat(r.stdout()).isEqualTo("---- bond1 ----\n"));
            assertThat(h.run(List.of("ovs-appctl", "lacp/show"))).isEmpty();
            assertThat(h.originOf(List.of("ovs-appctl", "bond/show"))).contains("commands/0001.out");
        }
    }

    @Test
    void refusesWrites() {
        minimal().finish(meta());
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            assertThatThrownBy(() -> h.writeAttribute("/sys/bus/pci/devices/0000:81:00.0/sriov_numvfs", "4"))
                    .isInstanceOf(HostException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void refusesASymlinkEscapingTheRoot() {
        SnapshotWriter w = minimal();
        w.link("/sys/class/net/evil", "../../../../etc/shadow");
        w.finish(meta());
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("fs/sys/class/net/evil").hasMessageContaining("escapes the snapshot root");
    }

    @Test
    void refusesAnAbsoluteSymlink() throws IOException {
        SnapshotWriter w = minimal();
        w.finish(meta());
        Path link = dir.resolve("fs/sys/class/net/eth0");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("/sys/devices/virtual/net/eth0"));
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("fs/sys/class/net/eth0").hasMessageContaining("absolute symlink");
    }

    @Test
    void refusesASymlinkLoop() {
        SnapshotWriter w = minimal();
        w.link("/sys/class/net/a", "b");
        w.link("/sys/class/net/b", "a");
        w.finish(meta());
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("symlink loop");
    }

    @Test
    void refusesALoopThatGoesThroughALinkedDirectory() {
        SnapshotWriter w = minimal();
        w.file("/sys/a/x", "1\n");
        w.link("/sys/a/b", "../c/b");
        w.link("/sys/c", "a");
        w.finish(meta());
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("fs/sys/a/b").hasMessageContaining("symlink loop");
    }

    @Test
    void acceptsLinksThatPointBackAndForthAsVirtfnAndPhysfnDo() {
        SnapshotWriter w = minimal();
        String pf = "/sys/devices/pci0000:80/0000:80:03.1/0000:81:00.0";
        String vf = "/sys/devices/pci0000:80/0000:80:03.1/0000:81:00.2";
        w.file(vf + "/vendor", "0x15b3\n");
        w.link(pf + "/virtfn0", "../0000:81:00.2");
        w.link(vf + "/physfn", "../0000:81:00.0");
        w.link("/sys/bus/pci/devices/0000:81:00.2", "../../../devices/pci0000:80/0000:80:03.1/0000:81:00.2");
        w.finish(meta());
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            assertThat(h.read("/sys/bus/pci/devices/0000:81:00.0/virtfn0/physfn/virtfn0/vendor")).contains("0x15b3\n");
        }
    }

    @Test
    void refusesAOneGibibyteFile() throws IOException {
        minimal().finish(meta());
        Path big = dir.resolve("fs/var/log/huge");
        Files.createDirectories(big.getParent());
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: costs no disk
        }
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("fs/var/log/huge").hasMessageContaining("1073741824 bytes");
    }

    @Test
    void refusesMalformedIndexWithLineAndColumn() throws IOException {
        minimal().finish(meta());
        Files.writeString(dir.resolve("commands/index.json"), "[{\"argv\": [\"ovs-appctl\",\n  \"bond/show\"], \"exit\": 0,, }]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("commands/index.json:2:")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void skipsFieldsALaterVersionMayAdd() throws IOException {
        minimal().finish(meta());
        Files.writeString(dir.resolve("snapshot.json"), "{\"format\": \"" + SnapshotFormat.FORMAT + "\", \"tool\": {\"v\": [1, 2]},"
                + " \"hostname\": \"pve2\"}");
        Files.writeString(dir.resolve("commands/index.json"), "[{\"argv\": [\"ovs-appctl\", \"bond/show\"], \"took\": {\"ms\": 3},"
                + " \"exit\": 0, \"stdout\": \"0001.out\", \"stderr\": \"0001.err\"}]");
        try (SnapshotHost h = SnapshotHost.open(dir)) {
            assertThat(h.hostname()).contains("pve2");
            assertThat(h.run(List.of("ovs-appctl", "bond/show"))).get()
                    .satisfies(r -> assertThat(r.stdout()).isEqualTo("---- bond1 ----\n"));
        }
    }

    @Test
    void refusesAnIndexOfTheWrongShapeNamingWhereAndWhat() throws IOException {
        minimal().finish(meta());
        Path index = dir.resolve("commands/index.json");
        Files.writeString(index, "{\"argv\": [\"dmesg\"]}");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("commands/index.json:1:").hasMessageContaining("expected an array of commands, found an object");
        Files.writeString(index, "[\n  {\"argv\": \"dmesg\", \"exit\": 0}]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("commands/index.json:2:").hasMessageContaining("expected an array of strings for \"argv\", found a string");
        Files.writeString(index, "[{\"argv\": [\"dmesg\"], \"exit\": \"zero\"}]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("expected an integer for \"exit\"");
        Files.writeString(index, "null");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("expected a JSON array of commands, found null");
        Files.writeString(index, "[{\"argv\": [\"dmesg\", null]}]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("entry 0: \"argv\" must be a non-empty array of strings");
        Files.writeString(index, "");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("commands/index.json").hasMessageContaining("malformed JSON");
    }

    @Test
    void refusesASnapshotJsonThatIsNotAnObject() throws IOException {
        minimal().finish(meta());
        Files.writeString(dir.resolve("snapshot.json"), "[\"" + SnapshotFormat.FORMAT + "\"]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("snapshot.json:1:").hasMessageContaining("expected an object, found an array");
    }

    @Test
    void refusesAnIndexEntryPointingOutsideCommands() throws IOException {
        minimal().finish(meta());
        Files.writeString(dir.resolve("commands/index.json"),
                "[{\"argv\": [\"dmesg\"], \"exit\": 0, \"stdout\": \"../snapshot.json\", \"stderr\": \"\"}]");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("escapes commands/");
    }

    @Test
    void refusesADirectoryThatIsNotASnapshot() {
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("snapshot.json").hasMessageContaining("not a sriovctl snapshot");
    }

    @Test
    void refusesAnUnknownFormat() throws IOException {
        minimal().finish(meta());
        Files.writeString(dir.resolve("snapshot.json"), "{\"format\": \"other/9\"}");
        assertThatThrownBy(() -> SnapshotHost.open(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("unsupported format 'other/9'");
    }

    @Test
    void opensATarGzAndCleansUpItsTemporaryCopy(@TempDir Path out) {
        minimal().finish(meta());
        Path archive = out.resolve("host.tar.gz");
        SnapshotArchive.pack(dir, archive);
        Path root;
        try (SnapshotHost h = SnapshotHost.open(archive)) {
            root = h.root();
            assertThat(h.read("/sys/bus/pci/devices/0000:81:00.0/vendor")).contains("0x15b3\n");
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void refusesAnArchiveEntryEscapingTheRoot(@TempDir Path out) throws IOException {
        Path archive = out.resolve("evil.tar.gz");
        try (var raw = Files.newOutputStream(archive);
             var gz = new java.util.zip.GZIPOutputStream(raw);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("fs/../../escape");
            byte[] data = "x".getBytes();
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> SnapshotHost.open(archive)).isInstanceOf(InputException.class)
                .hasMessageContaining("fs/../../escape").hasMessageContaining("escapes the snapshot root");
    }

    @Test
    void refusesAFileThatIsNotAnArchive(@TempDir Path out) throws IOException {
        Path notArchive = out.resolve("x.tar.gz");
        Files.writeString(notArchive, "hello");
        assertThatThrownBy(() -> SnapshotHost.open(notArchive)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a readable .tar.gz snapshot");
    }
}
