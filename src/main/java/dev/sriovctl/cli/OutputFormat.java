package dev.sriovctl.cli;

/** How a command prints its result: a table for people, JSON or YAML for scripts. */
public enum OutputFormat {
    TABLE, JSON, YAML, DOT, SVG;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
