package dev.sriovctl.observe;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpkgMd5sumsParserTest {

    @Test
    void readsMd5AndMakesPathsAbsolute() {
        // md5sum's output format ("<32 hex>  <path>", paths relative to /), as dh_md5sums writes it; these two
        // lines are from Debian 12's openvswitch-switch 3.1.0-2+deb12u1 on the build machine
        String text = "ce726525ea34ae24de5cdcecb2ff3720  lib/systemd/system/openvswitch-switch.service\n"
                + "6f8573206d6aa57c9e22fdf890a98e04  usr/share/openvswitch/scripts/ovs-ctl\n";
        List<PackageFile> files = DpkgMd5sumsParser.parse(text);
        assertThat(files).containsExactly(
                new PackageFile("ce726525ea34ae24de5cdcecb2ff3720", "/lib/systemd/system/openvswitch-switch.service"),
                new PackageFile("6f8573206d6aa57c9e22fdf890a98e04", "/usr/share/openvswitch/scripts/ovs-ctl"));
    }

    @Test
    void readsTheRealFileOfThisMachineWhenOpenvswitchIsInstalled() throws Exception {
        Path real = Path.of("/var/lib/dpkg/info/openvswitch-switch.md5sums");
        Assumptions.assumeTrue(Files.isRegularFile(real), "openvswitch-switch is not installed here");
        List<PackageFile> files = DpkgMd5sumsParser.parse(Files.readString(real));
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.path()).startsWith("/"));
        assertThat(files).extracting(PackageFile::path).contains("/usr/share/openvswitch/scripts/ovs-ctl");
    }

    @Test
    void aLineThatIsNoSumIsRefusedWithItsLine() {
        assertThatThrownBy(() -> DpkgMd5sumsParser.parse("6f85  usr/x\n"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(1));
    }
}
