package dev.sriovctl.observe;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PciAddressTest {

    @Test
    void printsTheWaySysfsNamesDevices() {
        assertThat(PciAddress.parse("81:00.2")).hasToString("0000:81:00.2");
        assertThat(PciAddress.parse("0000:81:00.2").slot()).isEqualTo("0000:81:00");
        assertThat(PciAddress.parse("10000:0A:1F.7")).hasToString("10000:0a:1f.7");
    }

    /** The hand-written formatting prints what String.format did (it was replaced for start-up time). */
    @Property(tries = 500)
    void printsWhatStringFormatPrinted(@ForAll @IntRange(max = 0x7fffffff) int domain, @ForAll @IntRange(max = 0xff) int bus,
                                       @ForAll @IntRange(max = 0x1f) int device, @ForAll @IntRange(max = 7) int function) {
        PciAddress a = new PciAddress(domain, bus, device, function);
        assertThat(a.toString()).isEqualTo(String.format(Locale.ROOT, "%04x:%02x:%02x.%d", domain, bus, device, function));
        assertThat(PciAddress.parse(a.toString())).isEqualTo(a);
    }
}
