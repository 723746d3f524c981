package dev.sriovctl.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Function;

/** {@code -o table|json|yaml}, shared by every command that prints a result. */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table (default), json or yaml.")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    /** Prints a result as JSON or YAML, or as the text {@code table} makes of it; then flushes. */
    <T> void print(PrintWriter out, T result, Function<T, String> table) {
        switch (format) {
            case JSON, YAML -> Printer.print(out, format, result);
            default -> out.print(table.apply(result));
        }
        out.flush();
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                OutputFormat f = OutputFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                // pictures are drawn by discover only (its own -o option)
                if (f == OutputFormat.DOT || f == OutputFormat.SVG) throw new IllegalArgumentException(value);
                return f;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown output format '" + value + "' (valid: table, json, yaml)");
            }
        }
    }
}
