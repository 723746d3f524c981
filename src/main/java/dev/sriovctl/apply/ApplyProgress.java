package dev.sriovctl.apply;

/** Where apply reports what it does as it does it (the CLI prints each line at once). */
@FunctionalInterface
public interface ApplyProgress {

    void line(String text);

    static ApplyProgress silent() {
        return t -> { };
    }
}
