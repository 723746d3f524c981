package dev.sriovctl.verify;

import java.util.function.Function;

/**
 * Something doctor read, or why it could not: {@code value} with its {@code origin} (the command or file,
 * as {@code Host.originOf} names it), or {@code missing} saying which command or file was absent or unreadable.
 */
public record Observed<T>(T value, String origin, String missing) {

    public static <T> Observed<T> of(T value, String origin) {
        return new Observed<>(value, origin, null);
    }

    public static <T> Observed<T> missing(String why) {
        return new Observed<>(null, null, why);
    }

    public boolean present() {
        return missing == null;
    }

    public <R> Observed<R> map(Function<T, R> f) {
        return present() ? new Observed<>(f.apply(value), origin, null) : missing(missing);
    }
}
