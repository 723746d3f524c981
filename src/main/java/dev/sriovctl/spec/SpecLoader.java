package dev.sriovctl.spec;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a spec file into {@link Spec} records, keeping every value's line and column (SnakeYAML
 * nodes, which jackson-dataformat-yaml already brings in). All shape, type and format problems
 * are collected, each pointing into the file; rules against the host follow in {@link SpecValidator}.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** A spec file is small; anything bigger is refused before parsing. */
    public static final int MAX_BYTES = 1 << 20;

    /** A parsed spec (null when the YAML itself is broken) and every problem found so far. */
    public record Loaded(SpecDocument document, List<SpecProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(SpecProblem::isError);
        }

        /** The document, or every error at once as an {@link InputException}. */
        public SpecDocument orThrow() {
            SpecDocument.throwIfErrors(problems);
            return document;
        }
    }

    /** Reads and parses a file; a missing or unreadable file is an {@link InputException}. */
    public static Loaded read(Path file) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(SourceLocation.of(name), "spec file not found",
                        "give the path of a spec YAML file (see docs/spec.md and examples/guide-host.yaml)");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(SourceLocation.of(name), "spec file is larger than " + MAX_BYTES + " bytes", null);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(text, name);
        } catch (CharacterCodingException e) {
            throw new InputException(SourceLocation.of(name), "spec file is not UTF-8 text", null);
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(name), "cannot read spec file: " + e.getMessage(), null);
        }
    }

    /** Parses spec text; {@code file} is how messages name it. */
    public static Loaded parse(String text, String file) {
        SourceMap sources = new SourceMap(file, text);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by NodeReader with both positions
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(MAX_BYTES);
            // What Yaml.compose does, without building a Yaml: its Constructor's first use starts
            // java.util.logging, a measurable part of a short command's start-up. SpecReader reads
            // the node tree itself (positions kept for messages), so nothing is constructed.
            root = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation at = m == null ? SourceLocation.of(file) : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
            String what = e.getProblem() == null ? "not valid YAML" : e.getProblem();
            String hint = what.contains("block") || what.contains("indent")
                    ? "check the indentation of this line against the lines above: YAML nests by spaces"
                    : what.contains("flow") || what.contains("',' or ']'") || what.contains("',' or '}'")
                    ? "inside [ ] or { }, quote values holding [ ] { } , or # (e.g. \"sw1/pf0vf[0-3]\")"
                    : "YAML indents with spaces; lists use '- ' or [a, b]";
            return new Loaded(null, List.of(new SpecProblem(Severity.ERROR, "", at, "YAML syntax error: " + what, hint,
                    sources.line(at.line()))));
        } catch (YAMLException e) {
            return new Loaded(null, List.of(new SpecProblem(Severity.ERROR, "", SourceLocation.of(file),
                    "YAML error: " + e.getMessage(), null, null)));
        }
        if (root == null) {
            return new Loaded(null, List.of(new SpecProblem(Severity.ERROR, "", SourceLocation.of(file),
                    "the spec is empty", "start with 'version: 1' (see docs/spec.md)", null)));
        }
        NodeReader reader = new NodeReader(sources);
        Spec spec = new SpecReader(reader, file, text).read(root);
        List<SpecProblem> problems = new ArrayList<>(reader.problems());
        problems.sort(SpecLoader::byPosition);
        return new Loaded(spec == null ? null : new SpecDocument(spec, sources), problems);
    }

    static int byPosition(SpecProblem a, SpecProblem b) {
        int c = Integer.compare(a.location().line(), b.location().line());
        return c != 0 ? c : Integer.compare(a.location().column(), b.location().column());
    }
}
