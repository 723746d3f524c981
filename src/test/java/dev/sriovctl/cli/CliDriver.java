package dev.sriovctl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and returns its exit code, stdout and stderr. */
public final class CliDriver {
    private CliDriver() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
