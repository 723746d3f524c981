package dev.sriovctl.spec;

/** How bad a problem is: an error stops the command (exit 2), a warning is printed and work goes on. */
public enum Severity {
    ERROR, WARNING;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
