package dev.sriovctl.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of packaging/sriovctl-cds: runs, in one JVM, the commands whose classes the
 * class-data-sharing archive should hold (--version, every command's --help, and discover of a
 * snapshot, which reads only), with their output thrown away. One JVM, so one class list:
 * lists of several JVMs cannot be merged on every Java release (Java 21+ numbers the classes).
 *
 * <p>usage: {@code java -XX:DumpLoadedClassList=FILE -cp sriovctl.jar dev.sriovctl.cli.CdsTraining [SNAPSHOT]}
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) {
        List<String[]> runs = runs(args.length > 0 ? args[0] : null);
        int failed = train(runs);
        System.out.println("trained on " + runs.size() + " commands" + (failed == 0 ? "" : ", " + failed + " failed"));
    }

    /** The training commands; discover only when a snapshot is given. */
    static List<String[]> runs(String snapshot) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[]{"--version"});
        runs.add(new String[]{"--help"});
        for (String name : SriovctlCommand.commandLine(sink, sink).getSubcommands().keySet()) {
            runs.add(new String[]{name, "--help"});
        }
        if (snapshot != null) {
            runs.add(new String[]{"discover", "--snapshot", snapshot});
            runs.add(new String[]{"discover", "--snapshot", snapshot, "-o", "json"});
        }
        return runs;
    }

    /** Runs each command, output thrown away; returns how many did not succeed. */
    static int train(List<String[]> runs) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        int failed = 0;
        for (String[] run : runs) {
            try {
                if (Main.run(sink, sink, run) != ExitCode.OK) failed++;
            } catch (RuntimeException e) {
                failed++; // a training run that fails still loaded classes worth archiving
            }
        }
        return failed;
    }
}
