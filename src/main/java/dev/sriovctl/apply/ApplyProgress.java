package dev.sriovctl.apply;

import dev.sriovctl.Progress;

/** Where apply reports what it does as it does it (the CLI prints each line at once). */
@FunctionalInterface
public interface ApplyProgress {

    void line(String text);

    /** Where a step's read-back shows that it is still waiting (VFs appearing, the LAG, vswitchd); nothing by default. */
    default Progress waits() {
        return Progress.none();
    }

    static ApplyProgress silent() {
        return t -> { };
    }
}
