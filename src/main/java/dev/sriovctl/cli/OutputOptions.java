package dev.sriovctl.cli;

import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, shared by every command that prints a result. */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table (default), json or yaml.")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
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
