package dev.sriovctl.spec;

import dev.sriovctl.InputException;

import java.util.List;

/** A loaded spec with the map back into its file, so later checks can point at the right line. */
public record SpecDocument(Spec spec, SourceMap sources) {

    /** A problem at a field path, located in the file. */
    public SpecProblem problem(Severity severity, String path, String message, String hint) {
        return SpecProblem.at(sources, severity, path, false, message, hint);
    }

    /** A problem about a key itself (unknown or duplicated), pointing at the key. */
    public SpecProblem keyProblem(String path, String message, String hint) {
        return SpecProblem.at(sources, Severity.ERROR, path, true, message, hint);
    }

    /** Throws every error at once (exit 2); warnings are not errors. */
    public static void throwIfErrors(List<SpecProblem> problems) {
        List<InputException.Problem> errors = problems.stream().filter(SpecProblem::isError)
                .map(SpecProblem::toInputProblem).toList();
        if (!errors.isEmpty()) throw new InputException(errors);
    }
}
