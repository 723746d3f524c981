package dev.sriovctl.plan;

/**
 * A file the plan creates, updates or deletes.
 *
 * @param before the current content, null when absent
 * @param after  the rendered content, null when the file is deleted
 */
public record FileChange(String path, String before, String after, int mode) {

    public enum Kind {
        CREATE, UPDATE, DELETE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Kind kind() {
        return before == null ? Kind.CREATE : after == null ? Kind.DELETE : Kind.UPDATE;
    }

    /** {@code diff -u} of the current file against the rendered one. */
    public String diff() {
        return UnifiedDiff.diff(before == null ? "/dev/null" : "a" + path, after == null ? "/dev/null" : "b" + path,
                before == null ? "" : before, after == null ? "" : after);
    }
}
