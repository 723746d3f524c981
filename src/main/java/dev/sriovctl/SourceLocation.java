package dev.sriovctl;

/** Where a bad value was found: a file, and where known a line and column (1-based; 0 = unknown). */
public record SourceLocation(String file, int line, int column) {

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) return file;
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
