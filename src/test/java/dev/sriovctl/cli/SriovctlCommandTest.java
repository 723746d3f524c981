package dev.sriovctl.cli;

import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SriovctlCommandTest {

    private static final List<String> NAMES = SriovctlCommand.SUBCOMMANDS.stream()
            .map(c -> c.getAnnotation(Command.class).name()).toList();

    private static List<String> subcommandsBuiltFor(String... args) {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return List.copyOf(SriovctlCommand.commandLine(sink, sink, args).getSubcommands().keySet());
    }

    @Test
    void helpListsEverySubcommand() {
        CliDriver.Result r = CliDriver.run("--help");
        assertThat(r.exitCode()).isZero();
        String commands = r.out().substring(r.out().indexOf("Commands:"));
        assertThat(NAMES).contains("discover", "doctor", "plan", "capture", "pve", "bench", "sim", "help");
        for (String name : NAMES) assertThat(commands).containsPattern("(?m)^  " + name + " ");
    }

    @Test
    void anUnknownSubcommandGetsSuggestions() {
        CliDriver.Result r = CliDriver.run("dicsover", "--snapshot", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("'dicsover'").contains("Did you mean: sriovctl discover");
        CliDriver.Result d = CliDriver.run("docter");
        assertThat(d.err()).contains("Did you mean: sriovctl doctor");
    }

    @Test
    void theHelpCommandStillDescribesTheOthers() {
        CliDriver.Result r = CliDriver.run("help", "plan");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: sriovctl plan").contains("--allow-disruption");
    }

    @Test
    void aSubcommandsVersionOptionPrintsTheVersionAsTheRootDoes() {
        String version = CliDriver.run("--version").out();
        assertThat(version).startsWith("sriovctl ");
        for (String[] args : List.of(new String[]{"discover", "--version"}, new String[]{"pve", "map", "-V"},
                new String[]{"sim", "create", "--version"})) {
            CliDriver.Result r = CliDriver.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).isEqualTo(version);
        }
    }

    @Test
    void aRunNamingASubcommandBuildsThatOneAlone() {
        assertThat(subcommandsBuiltFor("discover", "--snapshot", "x", "-o", "json")).containsExactly("discover");
        assertThat(subcommandsBuiltFor("pve", "map", "--help")).containsExactly("pve");
    }

    @Test
    void everythingElseBuildsTheWholeTree() {
        assertThat(subcommandsBuiltFor()).containsExactlyElementsOf(NAMES);
        assertThat(subcommandsBuiltFor("--help")).containsExactlyElementsOf(NAMES);
        assertThat(subcommandsBuiltFor("help", "discover")).containsExactlyElementsOf(NAMES);
        assertThat(subcommandsBuiltFor("dicsover")).containsExactlyElementsOf(NAMES);
    }

    @Test
    void theCompletionAndManPageToolsSeeEveryCommand() {
        // packaging/build-deb gives picocli's AutoComplete and ManPageGenerator the class name: they
        // instantiate it with its no-argument constructor, which must mean the whole tree.
        CommandLine fromClass = new CommandLine(SriovctlCommand.class);
        assertThat(fromClass.getSubcommands().keySet()).containsExactlyElementsOf(NAMES);
        assertThat(fromClass.getSubcommands().get("pve").getSubcommands()).containsKeys("map", "attach", "status");
        assertThat(AutoComplete.bash("sriovctl", fromClass)).contains("local commands=\"" + String.join(" ", NAMES) + "\"");
    }
}
