package dev.sriovctl.ansible;

import dev.sriovctl.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private Ansible setup for one test class: its own ansible.cfg (ANSIBLE_CONFIG), home and temp
 * directories, and a collections path in which {@code ansible_collections/sriovctl/sriovctl} is a
 * link to the repository's {@code ansible/} directory, so the tests run the collection as checked out.
 * Commands are argv lists; nothing is passed through a shell.
 */
final class AnsibleWorkspace {

    final Path dir;
    final Path collection = Fixtures.repo().resolve("ansible").toAbsolutePath().normalize();
    private final Map<String, String> env = new HashMap<>();

    AnsibleWorkspace(Path dir) {
        this.dir = dir;
        try {
            Path ns = Files.createDirectories(dir.resolve("collections/ansible_collections/sriovctl"));
            Files.createSymbolicLink(ns.resolve("sriovctl"), collection);
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(dir.resolve("ansible.cfg"), String.join("\n",
                    "[defaults]",
                    "collections_path = " + dir.resolve("collections"),
                    "home = " + home,
                    "local_tmp = " + home.resolve("tmp"),
                    "remote_tmp = " + home.resolve("remote-tmp"),
                    "retry_files_enabled = False",
                    "interpreter_python = auto_silent",
                    "nocolor = True",
                    "") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("ANSIBLE_HOME", dir.resolve("home").toString());
    }

    /** An environment variable for every later command (e.g. PATH with a stand-in for qm); null removes it. */
    AnsibleWorkspace env(String key, String value) {
        env.put(key, value);
        return this;
    }

    record Result(int exitCode, String output) {
        /** PLAY RECAP per host: ok, changed, unreachable, failed, skipped. */
        Map<String, Recap> recap() {
            Map<String, Recap> out = new LinkedHashMap<>();
            Matcher m = RECAP.matcher(output);
            while (m.find()) {
                out.put(m.group(1), new Recap(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
            }
            return out;
        }
    }

    record Recap(int ok, int changed, int unreachable, int failed, int skipped) {
    }

    private static final Pattern TASK = Pattern.compile("(?m)^TASK \\[(?:[^\\]]* : )?([^\\]]*)\\]");
    private static final Pattern STATUS = Pattern.compile("(?m)^(ok|changed|skipping|fatal|failed): \\[([^\\]]+)\\]");

    /**
     * How a task ended on a host: ok, changed, skipping, fatal or failed (the default callback's
     * words; the first one for a looped task), or null when it did not run there.
     */
    static String taskStatus(String output, String task, String host) {
        Matcher t = TASK.matcher(output);
        List<int[]> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (t.find()) {
            if (!blocks.isEmpty()) blocks.get(blocks.size() - 1)[1] = t.start();
            blocks.add(new int[]{t.end(), output.length()});
            names.add(t.group(1));
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!names.get(i).equals(task)) continue;
            Matcher m = STATUS.matcher(output.substring(blocks.get(i)[0], blocks.get(i)[1]));
            while (m.find()) {
                String h = m.group(2).split(" ")[0];
                if (h.equals(host)) return m.group(1);
            }
        }
        return null;
    }

    private static final Pattern RECAP = Pattern.compile(
            "(?m)^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)");

    /** Runs an Ansible tool with the workspace's environment, from the workspace, output and errors merged. */
    Result run(List<String> argv) {
        return runIn(dir, argv);
    }

    Result runIn(Path cwd, List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
            env.forEach((k, v) -> {
                if (v == null) pb.environment().remove(k);
                else pb.environment().put(k, v);
            });
            Path log = Files.createTempFile(dir, "run-", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + argv + "\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> argv(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object o : parts) out.add(o.toString());
        return out;
    }
}
