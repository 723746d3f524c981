package dev.sriovctl.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of packaging/sriovctl-cds: runs, in one JVM, the commands whose classes the
 * class-data-sharing archive should hold, with their output thrown away: --version, every
 * command's --help, and, given the example snapshot (and its spec), what runs at boot, from
 * Ansible and from a timer: discover, doctor and plan, each as a table and as JSON, and metrics.
 * All of them only read.
 * One JVM, so one class list: lists of several JVMs cannot be merged on every Java release
 * (Java 21+ numbers the classes).
 *
 * <p>usage: {@code java -XX:DumpLoadedClassList=FILE -cp sriovctl.jar dev.sriovctl.cli.CdsTraining [SNAPSHOT [SPEC]]}
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) {
        List<String[]> runs = runs(args.length > 0 ? args[0] : null, args.length > 1 ? args[1] : null);
        int failed = train(runs);
        System.out.println("trained on " + runs.size() + " commands" + (failed == 0 ? "" : ", " + failed + " failed"));
    }

    /** The training commands; those reading a host only with a snapshot, plan and doctor -f only with a spec too. */
    static List<String[]> runs(String snapshot, String spec) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[]{"--version"});
        runs.add(new String[]{"--help"});
        for (String name : SriovctlCommand.commandLine(sink, sink).getSubcommands().keySet()) {
            runs.add(new String[]{name, "--help"});
        }
        if (snapshot == null) return runs;
        List<String[]> reads = new ArrayList<>();
        reads.add(new String[]{"discover", "--snapshot", snapshot});
        reads.add(new String[]{"doctor", "--snapshot", snapshot});
        if (spec != null) {
            reads.add(new String[]{"plan", "-f", spec, "--snapshot", snapshot});
            reads.add(new String[]{"doctor", "-f", spec, "--snapshot", snapshot});
        }
        for (String[] read : reads) {
            runs.add(read);
            String[] json = Arrays.copyOf(read, read.length + 2);
            json[read.length] = "-o";
            json[read.length + 1] = "json";
            runs.add(json);
        }
        runs.add(new String[]{"metrics", "--snapshot", snapshot}); // run by a timer: printed, not written
        return runs;
    }

    /** Runs each command, output thrown away; returns how many could not run (a failed check still trained). */
    static int train(List<String[]> runs) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        int failed = 0;
        for (String[] run : runs) {
            try {
                if (Main.run(sink, sink, run) > ExitCode.FAILED) failed++;
            } catch (RuntimeException e) {
                failed++; // a training run that fails still loaded classes worth archiving
            }
        }
        return failed;
    }
}
