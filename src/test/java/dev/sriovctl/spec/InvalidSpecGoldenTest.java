package dev.sriovctl.spec;

import dev.sriovctl.Fixtures;
import dev.sriovctl.plan.Finding;
import dev.sriovctl.plan.Plan;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Planner;
import dev.sriovctl.plan.ScenarioAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the loader and validator, one invalid spec each: {@code spec/invalid/<case>.yaml}
 * with the exact messages in {@code <case>.err} (file:line:column, source line, caret, hint).
 * A first comment line {@code # host: <scenario>} picks the host (default guide-fresh);
 * {@code # options: confirm-within|allow-disruption} sets plan options. Warnings the planner
 * raises at a spec value (the management bridge) are part of the expected output.
 * Run with {@code -Dsriovctl.golden.update=true} to rewrite the .err files after a deliberate change.
 */
class InvalidSpecGoldenTest {

    static final Path DIR = Fixtures.repo().resolve("src/test/resources/spec/invalid");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryProblemWithItsLocation(String name) throws IOException {
        String text = Files.readString(DIR.resolve(name + ".yaml"), StandardCharsets.UTF_8);
        String actual = check(text, name + ".yaml");
        Path expected = DIR.resolve(name + ".err");
        if (Boolean.getBoolean("sriovctl.golden.update") || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("problems of " + name + ".yaml").isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        assertThat(actual).as(name + " must report something").isNotBlank();
    }

    static String check(String text, String file) {
        String host = header(text, "host", "guide-fresh");
        String options = header(text, "options", "");
        SpecLoader.Loaded loaded = SpecLoader.parse(text, file);
        List<SpecProblem> problems = new ArrayList<>(loaded.problems());
        if (!loaded.hasErrors()) {
            ScenarioAccess.State state = ScenarioAccess.named(host, loaded.document().spec());
            problems.addAll(SpecValidator.validate(loaded.document(), state.inventory()));
            if (problems.stream().noneMatch(SpecProblem::isError)) {
                PlanOptions opts = new PlanOptions(options.contains("allow-disruption"),
                        options.contains("confirm-within") ? Duration.ofSeconds(120) : null, null);
                Plan plan = Planner.plan(state.inventory(), state.files(), loaded.document().spec(), opts);
                for (Finding f : plan.findings()) {
                    if (f.level() == Finding.Level.WARNING && f.specPath() != null) {
                        problems.add(loaded.document().problem(Severity.WARNING, f.specPath(), f.message(), f.fix()));
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (SpecProblem p : problems) sb.append(p.render()).append('\n');
        return sb.toString();
    }

    private static String header(String text, String key, String fallback) {
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#")) break;
            String l = line.substring(1).strip();
            if (l.startsWith(key + ":")) return l.substring(key.length() + 1).strip();
        }
        return fallback;
    }
}
