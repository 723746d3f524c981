package dev.sriovctl.cli;

import dev.sriovctl.host.LocalHost;
import dev.sriovctl.observe.Capture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sriovctl capture -o FILE.tar.gz}: records this host for offline use and bug reports. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Record this host (the sysfs attributes and command outputs discovery reads) into a snapshot.",
                "Open it anywhere with --snapshot FILE. Works on machines without any SR-IOV NIC. Secrets are never recorded."})
public final class CaptureCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.tar.gz|DIR",
            description = "Where to write the snapshot: a .tar.gz file, or a directory (created).")
    Path target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Capture.Result r = Capture.record(new LocalHost(), target);
        spec.commandLine().getOut().printf("captured %d files and %d commands into %s%n", r.files(), r.commands(), target);
        return ExitCode.OK;
    }
}
