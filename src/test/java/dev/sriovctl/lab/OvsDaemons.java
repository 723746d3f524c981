package dev.sriovctl.lab;

import dev.sriovctl.host.HostException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lab's ovsdb-server and ovs-vswitchd, started by hand inside the switch namespace (not with
 * ovs-ctl, which may load or unload kernel modules on the machine; lab README section 1), with
 * everything they keep under the lab directory through OVS_RUNDIR, OVS_DBDIR and OVS_LOGDIR.
 */
final class OvsDaemons {
    static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

    private final Path dir;
    private final Map<String, String> env;
    private final String namespace;

    OvsDaemons(Path dir, Map<String, String> env, String namespace) {
        this.dir = dir;
        this.env = env;
        this.namespace = namespace;
    }

    /** A fresh database, both daemons, and the settings vswitchd must find when it starts. */
    void start() {
        LabProcesses.check(List.of("ovsdb-tool", "create", db(), SCHEMA), env);
        startOvsdbServer();
        String version = LabProcesses.check(List.of("ovs-vswitchd", "--version"), env).lines().findFirst().orElse("");
        String dbVersion = LabProcesses.check(List.of("ovsdb-tool", "schema-version", SCHEMA), env).strip();
        // Only ovs-ctl records ovs_version and system-id (README section 8, item 3). TSO must be on before
        // vswitchd starts, or every TCP segment from a veth arrives with a bad checksum (README section 4).
        vsctl("--no-wait", "--", "init", "--", "set", "Open_vSwitch", ".",
                "ovs_version=" + version.substring(version.lastIndexOf(' ') + 1),
                "db_version=" + dbVersion,
                "external_ids:system-id=lab-" + UUID.randomUUID(),
                "external_ids:hostname=ovslab",
                "other_config:userspace-tso-enable=true");
        startVswitchd();
    }

    void startOvsdbServer() {
        // -v options before --log-file, or the daemons print "opened log file" anyway (README section 8, item 4)
        inNamespace("ovsdb-server", db(), "--remote=punix:" + dir.resolve("run/db.sock"),
                "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                "-vconsole:off", "-vsyslog:off", "--pidfile", "--detach", "--no-chdir", "--log-file");
    }

    void startVswitchd() {
        // inside the switch namespace: the userspace datapath opens ports and creates taps where it runs
        inNamespace("ovs-vswitchd", "unix:" + dir.resolve("run/db.sock"),
                "-vconsole:off", "-vsyslog:off", "--pidfile", "--detach", "--no-chdir", "--log-file");
        awaitReady();
    }

    /**
     * "init --no-wait" does not bump next_cfg, so {@code wait-until ... cur_cfg} would hang; one waiting
     * write returns once vswitchd has applied it, which is "ready" (README section 8, item 2).
     */
    void awaitReady() {
        vsctl("set", "Open_vSwitch", ".", "external_ids:lab=up");
    }

    /**
     * Asks the daemon to exit, then waits until it is really gone (a zombie counts as gone; README
     * section 8, item 9), and terminates it if it is not. Returns what went wrong, if anything.
     */
    Optional<String> stop(String daemon, List<String> exitArgs) {
        Optional<Long> pid = pid(daemon);
        if (pid.isEmpty()) return Optional.empty();
        List<String> argv = new ArrayList<>(List.of("ovs-appctl", "-t", daemon, "exit"));
        argv.addAll(exitArgs);
        String problem = null;
        try {
            LabProcesses.run(argv, env, Duration.ofSeconds(10));
        } catch (HostException e) {
            problem = daemon + " exit: " + e.getMessage();
        }
        if (!LabProcesses.awaitGone(pid.get(), Duration.ofSeconds(5))) {
            System.err.println("[lab] " + daemon + " (" + pid.get() + ") did not exit; terminating it");
            LabProcesses.terminate(pid.get(), Duration.ofSeconds(2));
        }
        return Optional.ofNullable(problem);
    }

    /** Like a service restart: exit without --cleanup (ports and taps stay), start again, wait until ready. */
    long restartVswitchd() {
        stop("ovs-vswitchd", List.of()).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
        startVswitchd();
        return pid("ovs-vswitchd").orElseThrow(() -> new IllegalStateException("ovs-vswitchd wrote no pidfile"));
    }

    /** Restarts ovsdb-server on the same database file; vswitchd reconnects by itself. */
    long restartOvsdbServer() {
        stop("ovsdb-server", List.of()).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
        startOvsdbServer();
        awaitReady();
        return pid("ovsdb-server").orElseThrow(() -> new IllegalStateException("ovsdb-server wrote no pidfile"));
    }

    /** The pid in the daemon's pidfile. */
    Optional<Long> pid(String daemon) {
        return LabProcesses.read(dir.resolve("run/" + daemon + ".pid"))
                .map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong);
    }

    private String db() {
        return dir.resolve("db/conf.db").toString();
    }

    private void vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=10"));
        argv.addAll(List.of(args));
        LabProcesses.check(argv, env);
    }

    private void inNamespace(String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(argv));
        LabProcesses.check(full, env);
    }
}
