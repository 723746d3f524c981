package dev.sriovctl.plan;

/**
 * Something the plan reports besides its steps.
 *
 * @param level    BLOCKER: apply refuses until it is fixed; WARNING: apply goes ahead, read it;
 *                 NOTICE: advice (kernel command line, offload limits)
 * @param specPath the spec value it is about, when there is one (the CLI points into the file)
 */
public record Finding(Level level, String subject, String message, String fix, String specPath) {

    public enum Level {
        BLOCKER, WARNING, NOTICE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding blocker(String subject, String message, String fix) {
        return new Finding(Level.BLOCKER, subject, message, fix, null);
    }

    public static Finding warning(String subject, String message, String fix) {
        return new Finding(Level.WARNING, subject, message, fix, null);
    }

    public static Finding notice(String subject, String message, String fix) {
        return new Finding(Level.NOTICE, subject, message, fix, null);
    }

    public Finding at(String path) {
        return new Finding(level, subject, message, fix, path);
    }
}
