package dev.sriovctl.spec;

import dev.sriovctl.Fixtures;
import dev.sriovctl.InputException;
import dev.sriovctl.TestHosts;
import dev.sriovctl.observe.EswitchMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecLoaderTest {

    @Test
    void readsTheGuideExampleWithDefaults() {
        Spec spec = SpecLoader.read(Fixtures.repo().resolve("examples/guide-host.yaml")).orThrow().spec();
        assertThat(spec.version()).isEqualTo(1);
        NicSpec nic = spec.nics().get(0);
        assertThat(nic.name()).isEqualTo("sw1");
        assertThat(nic.representorName()).isEqualTo("ovs-{nic}{port}");
        assertThat(nic.order()).isEqualTo(SwitchdevOrder.VFS_FIRST);
        assertThat(nic.ports()).extracting(PortSpec::pf, PortSpec::eswitch, PortSpec::vfs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("enp129s0f0np0", EswitchMode.SWITCHDEV, 4),
                        org.assertj.core.groups.Tuple.tuple("enp129s0f1np1", EswitchMode.SWITCHDEV, 0));
        assertThat(spec.ovs()).isEqualTo(new OvsSpec(true, "skip_sw", true, null));
        BridgeSpec br = spec.bridges().get(0);
        assertThat(br.bond()).isInstanceOf(OvsBondSpec.class);
        assertThat(((OvsBondSpec) br.bond()).mode()).isEqualTo("balance-tcp");
        assertThat(br.ports()).containsExactly("sw1/pf0vf*");
        assertThat(spec.source().text()).contains("version: 1");
    }

    /** Every spec shipped in docs/ and examples/ loads and validates against the guide's host. */
    @Test
    void everyShippedSpecIsValid() throws Exception {
        List<Path> specs;
        try (Stream<Path> s = Stream.concat(walk(Fixtures.repo().resolve("examples")), walk(Fixtures.repo().resolve("docs")))) {
            specs = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertThat(specs).isNotEmpty();
        for (Path p : specs) {
            SpecDocument doc = SpecLoader.read(p).orThrow();
            List<SpecProblem> problems = SpecValidator.validate(doc, TestHosts.guideFresh());
            assertThat(problems).as(p + ": " + problems.stream().map(SpecProblem::render).toList()).noneMatch(SpecProblem::isError);
        }
    }

    @Test
    void specBlocksInDocsValidate() throws Exception {
        Path docs = Fixtures.repo().resolve("docs");
        if (!Files.isDirectory(docs)) return;
        try (Stream<Path> s = walk(docs)) {
            for (Path md : s.filter(p -> p.toString().endsWith(".md")).toList()) {
                String text = Files.readString(md);
                int i = 0;
                int from;
                while ((from = text.indexOf("```yaml\n", i)) >= 0) {
                    int end = text.indexOf("```", from + 8);
                    String block = text.substring(from + 8, end);
                    i = end + 3;
                    if (!block.startsWith("version:") && !block.contains("\nversion:")) continue; // fragments are not whole specs
                    SpecLoader.Loaded loaded = SpecLoader.parse(block, md.getFileName() + " block at offset " + from);
                    SpecDocument doc = loaded.orThrow();
                    assertThat(SpecValidator.validate(doc, TestHosts.guideFresh())).as(md + " @" + from)
                            .noneMatch(SpecProblem::isError);
                }
            }
        }
    }

    @Test
    void yamlImplicitTypesDoNotLeakIntoValues() {
        String yaml = """
                version: 1
                nics:
                  - name: sw1
                    ports:
                      - pf: enp129s0f0np0
                        vfs: 2
                        eswitch: legacy
                        vf-settings:
                          - {vf: 0, mac: 10:22:33:44:55:66, spoofchk: false}
                """;
        Spec spec = SpecLoader.parse(yaml, "t.yaml").orThrow().spec();
        assertThat(spec.nics().get(0).ports().get(0).vfSettings().get(0).mac()).isEqualTo("10:22:33:44:55:66");
    }

    @Test
    void yesIsNotABoolean() {
        SpecLoader.Loaded l = SpecLoader.parse("version: 1\novs:\n  hw-offload: yes\n", "t.yaml");
        assertThat(l.problems()).singleElement().extracting(SpecProblem::render).asString()
                .contains("t.yaml:3:15: hw-offload must be true or false, not 'yes'");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThatThrownBy(() -> SpecLoader.read(Path.of("/nonexistent/spec.yaml")))
                .isInstanceOf(InputException.class).hasMessageContaining("spec file not found");
    }

    @Test
    void loadErrorsRenderLikeInputExceptions() {
        SpecLoader.Loaded l = SpecLoader.parse("version: 1\nnics:\n  - name: sw1\n    prots: []\n", "t.yaml");
        InputException e = assertThatThrownBy(l::orThrow).isInstanceOf(InputException.class).actual() instanceof InputException ie ? ie : null;
        assertThat(e).isNotNull();
        assertThat(e.render()).isEqualTo(l.problems().stream().map(SpecProblem::render).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    private static Stream<Path> walk(Path dir) throws java.io.IOException {
        return Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty();
    }
}
