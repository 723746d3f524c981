package dev.sriovctl.plan;

/**
 * Something the plan reports besides its steps.
 *
 * @param level    BLOCKER: apply refuses until it is fixed; WARNING: apply goes ahead, read it;
 *                 NOTICE: advice (kernel command line, offload limits)
 * @param specPath the spec value it is about, when there is one (the CLI points into the file)
 * @param phase    for a blocker, the boot phase of the steps it is about, when that is known: a blocker about
 *                 files ({@link BootPhase#NONE}: apply writes them once, the boot units never do) does not stop
 *                 the boot units, which would otherwise leave a node without its VFs over a file conflict; null =
 *                 it stops every run
 */
public record Finding(Level level, String subject, String message, String fix, String specPath,
                      @com.fasterxml.jackson.annotation.JsonIgnore BootPhase phase) {

    public enum Level {
        BLOCKER, WARNING, NOTICE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding blocker(String subject, String message, String fix) {
        return new Finding(Level.BLOCKER, subject, message, fix, null, null);
    }

    public static Finding warning(String subject, String message, String fix) {
        return new Finding(Level.WARNING, subject, message, fix, null, null);
    }

    public static Finding notice(String subject, String message, String fix) {
        return new Finding(Level.NOTICE, subject, message, fix, null, null);
    }

    public Finding at(String path) {
        return new Finding(level, subject, message, fix, path, phase);
    }

    /** The same finding, about steps of this boot phase only. */
    public Finding about(BootPhase stepsOf) {
        return new Finding(level, subject, message, fix, specPath, stepsOf);
    }

    /** Whether it stops a run of this boot phase (null: a whole apply, which every blocker stops). */
    public boolean blocks(BootPhase run) {
        return level == Level.BLOCKER && (run == null || phase == null || phase == run);
    }
}
