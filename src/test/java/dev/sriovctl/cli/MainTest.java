package dev.sriovctl.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void theQuickVersionAnswerIsWhatPicocliPrints() {
        StringWriter viaPicocli = new StringWriter();
        SriovctlCommand.commandLine(new PrintWriter(viaPicocli), new PrintWriter(new StringWriter()))
                .printVersionHelp(new PrintWriter(viaPicocli, true));
        for (String flag : new String[]{"--version", "-V"}) {
            CliDriver.Result r = CliDriver.run(flag);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).isEqualTo(viaPicocli.toString()).startsWith("sriovctl ");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void anythingElseGoesThroughPicocli() {
        CliDriver.Result r = CliDriver.run("--versions");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("Unknown option");
    }
}
