package dev.sriovctl.plan;

import dev.sriovctl.Fixtures;
import dev.sriovctl.spec.SpecDocument;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import dev.sriovctl.spec.SpecValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden plans, one folder per change: {@code plan/<case>/spec.yaml}, {@code case.properties}
 * ({@code host=} a scenario of {@link Scenarios}; {@code options=allow-disruption,confirm-within})
 * and {@code expected-plan.txt}, the plan as {@code sriovctl plan} prints it. Cases on the
 * simulated host can be added beside these once it is merged (a {@code host=sim:<profile>} key).
 * Run with {@code -Dsriovctl.golden.update=true} to rewrite expected files after a deliberate change.
 */
class PlanGoldenTest {

    static final Path DIR = Fixtures.repo().resolve("src/test/resources/plan");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesTheGoldenText(String name) throws IOException {
        Path dir = DIR.resolve(name);
        Properties props = new Properties();
        props.load(new StringReader(Files.readString(dir.resolve("case.properties"))));
        String options = props.getProperty("options", "");
        SpecDocument doc = SpecLoader.parse(Files.readString(dir.resolve("spec.yaml")), "spec.yaml").orThrow();
        Scenarios.HostState host = Scenarios.named(props.getProperty("host"), doc.spec());
        List<SpecProblem> problems = SpecValidator.validate(doc, host.inventory());
        assertThat(problems).noneMatch(SpecProblem::isError);
        PlanOptions opts = new PlanOptions(options.contains("allow-disruption"),
                options.contains("confirm-within") ? Duration.ofSeconds(120) : null, null);
        Plan plan = Planner.plan(host.inventory(), host.files(), doc.spec(), opts);
        String actual = PlanText.render(plan, "spec.yaml", p -> doc.sources().location(p).toString());
        Path expected = dir.resolve("expected-plan.txt");
        if (Boolean.getBoolean("sriovctl.golden.update") || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
