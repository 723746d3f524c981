package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's processes: argv only, never a shell string, with a fixed PATH and {@code LC_ALL=C}
 * so tool output has its documented format. Also knows when a process is really gone: a daemon
 * that exited stays a zombie until PID 1 reaps it, and {@code kill -0} still succeeds on a zombie
 * (lab README section 8, pitfall 9), so "gone" means no {@code /proc/PID} or state {@code Z}.
 */
final class LabProcesses {
    private LabProcesses() {
    }

    /** The PATH every lab command gets: Debian's tools first (a pyenv shim may shadow python3). */
    static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    /** Runs argv to completion; a command that cannot start (not installed) is a HostException. */
    static CommandResult run(List<String> argv, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = builder(argv, env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new HostException("cannot start " + argv.get(0) + ": " + e.getMessage(), argv, -1, "", e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new HostException("lab command timed out after " + timeout.toMillis() + " ms: "
                        + String.join(" ", argv), argv, -1, "", null);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while running " + String.join(" ", argv), e);
        }
        return new CommandResult(argv, p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    /** Runs argv and returns its stdout, or throws a HostException with the stderr tail. */
    static String check(List<String> argv, Map<String, String> env) {
        return run(argv, env, Duration.ofSeconds(20)).stdoutOrThrow();
    }

    /**
     * Starts argv in the background with stdout and stderr going to {@code log}. Used for daemons
     * started with {@code --detach} (whose parent exits once the daemon is ready) and for pings
     * that run while a test breaks a link.
     */
    static Process start(List<String> argv, Map<String, String> env, Path log) {
        ProcessBuilder pb = builder(argv, env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new HostException("cannot start " + argv.get(0) + ": " + e.getMessage(), argv, -1, "", e);
        }
    }

    private static ProcessBuilder builder(List<String> argv, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.put("PATH", PATH);
        e.put("LC_ALL", "C");
        e.putAll(env);
        return pb;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the process has exited: no /proc entry, or a zombie waiting to be reaped. */
    static boolean gone(long pid) {
        Optional<String> stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.isEmpty()) return true;
        // "PID (comm) S ...": comm may hold spaces and parentheses, so the state follows the last ')'
        String s = stat.get();
        int close = s.lastIndexOf(')');
        return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) == 'Z';
    }

    /** Waits until the process is gone (see {@link #gone}); false when it is still there at the deadline. */
    static boolean awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gone(pid)) {
            if (System.nanoTime() > deadline) return false;
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /** SIGTERM, then SIGKILL if it is still there after {@code grace}. */
    static void terminate(long pid, Duration grace) {
        if (gone(pid)) return;
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (awaitGone(pid, grace)) return;
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitGone(pid, Duration.ofSeconds(2));
    }

    /** The command line of a live process, NUL separators turned into spaces; empty when gone. */
    static String commandLine(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "cmdline")).orElse("").replace('\0', ' ').strip();
    }

    static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting", e);
        }
    }
}
