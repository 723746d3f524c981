package dev.sriovctl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point. {@link #run} returns the exit code; only {@link #main} exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line, writing to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // What fleet tooling runs on every node: answered without building the command model,
            // whose annotation reflection is most of a short run's start-up (bench/startup).
            for (String line : new SriovctlCommand.Version().getVersion()) out.println(line);
            out.flush();
            return ExitCode.OK;
        }
        return SriovctlCommand.commandLine(out, err, args).execute(args);
    }
}
