package dev.sriovctl.cli;

import dev.sriovctl.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

    private static Progress on(FakeTerminal t, Map<String, String> env) {
        return TerminalProgress.choose(OutputFormat.TABLE, true, env, t.writer());
    }

    @Test
    void aWaitIsOneLineRedrawnInPlaceAndGoneWhenItEnds() {
        FakeTerminal t = new FakeTerminal();
        Progress p = on(t, Map.of("NO_COLOR", "1"));
        try (Progress.Wait w = p.begin("[4/12] wait-for-vfs 0000:81:00.0: wait for 8 VFs", Duration.ofSeconds(18))) {
            assertThat(t.screenLine()).isEqualTo("| [4/12] wait-for-vfs 0000:81:00.0: wait for 8 VFs  up to 18 s");
            w.update(Duration.ofMillis(3400), "/sys/bus/pci/devices/0000:81:00.0/virtfn7 exists (read absent)");
            // cut to 79 columns: an 80-column terminal (the default) never wraps it
            assertThat(t.screenLine()).isEqualTo("/ [4/12] wait-for-vfs 0000:81:00.0: wait for 8 VFs  3 s of 18 s  /sys/bus/pc...")
                    .hasSize(79);
            w.update(Duration.ofSeconds(5), null);
            // the shorter line is padded over the longer one: nothing of the detail is left on screen
            assertThat(t.screenLine()).isEqualTo("- [4/12] wait-for-vfs 0000:81:00.0: wait for 8 VFs  5 s of 18 s");
        }
        assertThat(t.screenLine()).isEmpty();
        assertThat(t.cursor()).isZero();
        assertThat(t.lines()).isEmpty(); // nothing stays in the scrollback
        assertThat(t.escapes()).isZero(); // NO_COLOR: no escape sequence at all
    }

    @Test
    void theLineNeverWrapsAtTheTerminalWidth() {
        FakeTerminal t = new FakeTerminal();
        Progress p = on(t, Map.of("NO_COLOR", "1", "COLUMNS", "40"));
        try (Progress.Wait w = p.begin("wait for the hardware LAG of bond0 on 0000:81:00.0 and more", Duration.ofSeconds(30))) {
            assertThat(t.screenLine()).hasSize(39).endsWith("...");
            w.update(Duration.ofSeconds(2), "detail");
            assertThat(t.screenLine().length()).isLessThan(40);
        }
        assertThat(t.screenLine()).isEmpty();
    }

    @Test
    void colourOnlyWithoutNoColorAndOnlySgrSequences() {
        FakeTerminal t = new FakeTerminal();
        Progress p = on(t, Map.of("NO_COLOR", "")); // empty: not set (no-color.org)
        try (Progress.Wait w = p.begin("restart ovs-vswitchd", Duration.ofSeconds(60))) {
            w.update(Duration.ofSeconds(1), "ovs-appctl version fails");
            assertThat(t.screenLine()).isEqualTo("/ restart ovs-vswitchd  1 s of 60 s  ovs-appctl version fails");
        }
        assertThat(t.escapes()).isPositive(); // FakeTerminal fails on anything but colour
        assertThat(t.screenLine()).isEmpty();
    }

    @Test
    void aLineThatStaysBlanksTheStatusLineFirst() {
        FakeTerminal t = new FakeTerminal();
        TerminalProgress p = (TerminalProgress) on(t, Map.of("NO_COLOR", "1"));
        Progress.Wait w = p.begin("wait for 4 VFs", null);
        w.update(Duration.ofSeconds(2), null);
        assertThat(t.screenLine()).isEqualTo("/ wait for 4 VFs  2 s");
        p.line("[3/12] set-num-vfs 0000:81:00.0: 4 VFs ... ok");
        w.close();
        assertThat(t.lines()).containsExactly("[3/12] set-num-vfs 0000:81:00.0: 4 VFs ... ok");
        assertThat(t.screenLine()).isEmpty();
    }

    @Test
    void jsonYamlAndNoTerminalDrawNothing() {
        for (OutputFormat f : new OutputFormat[]{OutputFormat.JSON, OutputFormat.YAML}) {
            StringWriter out = new StringWriter();
            Progress p = TerminalProgress.choose(f, true, Map.of(), new PrintWriter(out, true));
            assertThat(p).isSameAs(Progress.none());
            try (Progress.Wait w = p.begin("wait for 8 VFs", Duration.ofSeconds(18))) {
                w.update(Duration.ofSeconds(1), "missing");
            }
            assertThat(out.toString()).isEmpty();
        }
        assertThat(TerminalProgress.choose(OutputFormat.TABLE, false, Map.of(), new PrintWriter(new StringWriter())))
                .isSameAs(Progress.none());
        // what every command run by tests, boot units and Ansible gets: System.console() is null there
        assertThat(TerminalProgress.forCommand(OutputFormat.TABLE, new PrintWriter(new StringWriter()))).isSameAs(Progress.none());
    }
}
