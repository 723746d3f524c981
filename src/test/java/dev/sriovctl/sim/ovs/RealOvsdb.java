package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, real ovsdb-server (Debian's openvswitch-switch, no ovs-vswitchd) for differential tests:
 * the same ovs-vsctl argv runs against it and against the simulation. Everything lives in a temporary
 * directory; the server is stopped by its own PID. Tests skip, saying why, where OVS is not installed.
 */
final class RealOvsdb implements AutoCloseable {
    static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    private final Path dir;
    private final Process server;

    private RealOvsdb(Path dir, Process server) {
        this.dir = dir;
        this.server = server;
    }

    /** Skips the calling test (loudly) unless ovsdb-server, ovsdb-tool, ovs-vsctl and the schema are installed. */
    static void assumeInstalled() {
        boolean ok = Files.isRegularFile(SCHEMA) && onPath("ovsdb-server") && onPath("ovsdb-tool") && onPath("ovs-vsctl");
        Assumptions.assumeTrue(ok, "Open vSwitch is not installed here (apt-get install openvswitch-switch): "
                + "differential tests against the real ovs-vsctl skipped");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    /** A fresh empty database and a server on it. */
    static RealOvsdb start() {
        assumeInstalled();
        try {
            Path dir = Files.createTempDirectory("sim-ovs-real-");
            exec(dir, List.of("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA.toString()));
            ProcessBuilder pb = new ProcessBuilder("ovsdb-server", dir.resolve("conf.db").toString(),
                    "--remote=punix:" + dir.resolve("db.sock"), "-vconsole:off", "-vsyslog:off", "--no-chdir",
                    "--pidfile=" + dir.resolve("ovsdb-server.pid"), "--unixctl=" + dir.resolve("ovsdb-server.ctl"));
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
            Process p = pb.start();
            for (int i = 0; i < 200 && !Files.exists(dir.resolve("db.sock")); i++) Thread.sleep(10);
            return new RealOvsdb(dir, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs ovs-vsctl (argv[0] "ovs-vsctl") against this server. */
    CommandResult vsctl(List<String> argv) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ovs-vsctl");
        cmd.add("--db=unix:" + dir.resolve("db.sock"));
        cmd.addAll(argv.subList(1, argv.size()));
        return exec(dir, cmd, argv);
    }

    private static CommandResult exec(Path dir, List<String> cmd) {
        return exec(dir, cmd, cmd);
    }

    private static CommandResult exec(Path dir, List<String> cmd, List<String> shown) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("OVS_RUNDIR", dir.toString());
            pb.environment().put("OVS_LOGDIR", dir.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new CommandResult(shown, p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.destroy();
        try {
            server.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}
