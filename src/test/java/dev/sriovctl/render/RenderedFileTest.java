package dev.sriovctl.render;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedFileTest {

    /** Modes print as String.format("%04o") printed them (replaced for start-up time): 0644, 0755, 4755. */
    @Property(tries = 300)
    void printsAModeAsFourOctalDigits(@ForAll @IntRange(max = 07777) int mode) {
        assertThat(RenderedFile.octal(mode)).isEqualTo(String.format("%04o", mode));
    }
}
