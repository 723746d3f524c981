package dev.sriovctl.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalHostTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileAsItIsAndNothingForAMissingFileOrADirectory() throws IOException {
        byte[] bytes = {'0', 'x', '1', '5', 'b', '3', '\n', 0, (byte) 0xff};
        Files.write(dir.resolve("vendor"), bytes);
        LocalHost host = new LocalHost();
        assertThat(host.readBytes(dir.resolve("vendor").toString())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(host.readBytes(dir.resolve("absent").toString())).isEmpty();
        assertThat(host.readBytes(dir.toString())).isEmpty();
    }

    @Test
    void readsProcfsFilesWhoseSizeIsZero() {
        // /proc reports size 0 for files that do have content: reading must go to the end, not by size
        assertThat(new LocalHost().read("/proc/self/status")).hasValueSatisfying(s -> assertThat(s).contains("Name:"));
    }
}
