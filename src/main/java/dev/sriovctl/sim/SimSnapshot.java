package dev.sriovctl.sim;

import dev.sriovctl.host.Host;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.host.SnapshotWriter;
import dev.sriovctl.observe.Capture;
import dev.sriovctl.observe.SnapshotRecorder;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Records a host the way {@code sriovctl capture} records this machine (DESIGN section 3, the same
 * {@link SnapshotRecorder} walk), but through the {@link Host} seam alone, so a simulated host can be
 * written out as a snapshot: files byte for byte, links as the same relative links (their targets
 * resolved as text), the canonical commands that the host can answer.
 */
public final class SimSnapshot {

    private final Host host;
    private final SnapshotWriter out;

    private SimSnapshot(Host host, SnapshotWriter out) {
        this.host = host;
        this.out = out;
    }

    /** Writes {@code host} into the new directory {@code dir}, stamped {@code capturedAt} (ISO-8601). */
    public static void write(Host host, Path dir, String capturedAt) {
        new SimSnapshot(host, new SnapshotWriter(dir)).run(capturedAt);
    }

    private void run(String capturedAt) {
        SnapshotRecorder recorder = new SnapshotRecorder(host, out, new SnapshotRecorder.Copy() {
            @Override
            public void file(String path) {
                host.readBytes(path).ifPresent(b -> out.file(path, b));
            }

            @Override
            public Optional<String> link(String path) {
                Optional<String> target = host.readLink(path);
                if (target.isEmpty() || target.get().startsWith("/")) return Optional.empty();
                out.link(path, target.get());
                return Optional.of(normalise(path.substring(0, path.lastIndexOf('/')) + "/" + target.get()));
            }

            @Override
            public void command(List<String> argv) {
                host.run(argv).ifPresent(out::command);
            }
        });
        SnapshotRecorder.Found found = recorder.files();
        Capture.recordVmConfigs(host, out); // as capture does: Proxmox VE's VM configurations, redacted
        recorder.commands(found);
        String kernel = host.read("/proc/sys/kernel/osrelease").map(String::strip).orElse(null);
        out.finish(new SnapshotFormat.Meta(SnapshotFormat.FORMAT, host.hostname().orElse(null), capturedAt, kernel));
    }

    /** The path with "." and ".." resolved as text (a link's target, read relative to its directory). */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(s);
            }
        }
        return "/" + String.join("/", parts);
    }
}
