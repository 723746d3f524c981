package dev.sriovctl.spec;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

/**
 * One problem in a spec: where (field path and file position), what, and what would be valid.
 * Rendered netplan-style: {@code error: file:line:col: message}, the source line with a caret
 * under the column, then the hint.
 */
public record SpecProblem(Severity severity, String path, SourceLocation location, String message, String hint,
                          String sourceLine) {

    /** A problem at a field path (or at its key), located through the source map. */
    public static SpecProblem at(SourceMap sources, Severity severity, String path, boolean atKey, String message,
                                 String hint) {
        SourceLocation where = atKey ? sources.keyLocation(path) : sources.location(path);
        return new SpecProblem(severity, path, where, message, hint, sources.line(where.line()));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The full text as printed by {@code plan} and the other commands that read a spec. */
    public String render() {
        return severity + ": " + location + ": " + message + excerpt();
    }

    /** The same problem as {@link InputException} carries it (rendered identically for errors). */
    public InputException.Problem toInputProblem() {
        String rest = excerpt();
        return new InputException.Problem(location, message, rest.isEmpty() ? null : rest.substring(3));
    }

    /** Source line, caret and hint, each line starting with a newline and two spaces. */
    private String excerpt() {
        StringBuilder sb = new StringBuilder();
        if (sourceLine != null && location.column() > 0) {
            sb.append("\n  | ").append(sourceLine);
            sb.append("\n  | ").append(caretPad(sourceLine, location.column())).append('^');
        }
        if (hint != null && !hint.isBlank()) {
            for (String l : hint.split("\n")) sb.append("\n  ").append(l);
        }
        return sb.toString();
    }

    /** Spaces up to the column, keeping the source's tabs so the caret lines up in a terminal. */
    private static String caretPad(String line, int column) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1; i++) pad.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        return pad.toString();
    }
}
