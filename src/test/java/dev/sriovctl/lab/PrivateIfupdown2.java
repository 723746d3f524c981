package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's real ifupdown2, unpacked from its .deb into the lab and patched to be private (lab README
 * section 6). Installing it would take over this machine's networking: it Conflicts/Replaces ifupdown,
 * creates /etc/network/interfaces, masks udev rules and enables networking.service.
 *
 * <p>The patches, each checked (a changed package fails loudly instead of silently using /etc or /run):
 * <ol>
 *   <li>private config files: {@code ifupdown/config.py} reads {@code ifupdown2.conf}/{@code addons.conf}
 *       from the lab, and the addon drop-in dir is the unpacked one; the policy.d dirs
 *       ({@code ifupdown/policymanager.py}) are the lab's too;</li>
 *   <li>private settings in that ifupdown2.conf: {@code addon_scripts_support=0} (openvswitch-switch's
 *       legacy /etc/network/if-*.d hooks would configure the same stanzas a second time),
 *       {@code state_dir} in the lab, {@code default_interfaces_configfile} = the lab's interfaces file
 *       ({@code ifreload} has no {@code -i});</li>
 *   <li>private run dir: {@code /run/network/} in {@code ifupdown/main.py} (lock file) and
 *       {@code ifupdown/statemanager.py} (state rundir);</li>
 *   <li>{@code ifup}/{@code ifdown}/{@code ifreload}/{@code ifquery} links to {@code __main__.py}: the
 *       operation comes from argv[0];</li>
 *   <li>the lab has no kernel datapath, so the OVS bridge addon creates every bridge on the userspace one:
 *       {@code --may-exist add-br X} becomes {@code --may-exist add-br X -- set bridge X datapath_type=netdev}
 *       ({@code addons/openvswitch.py}); stanzas rendered for a real host (which have no
 *       {@code datapath_type}) then work unchanged;</li>
 *   <li>run as {@code ip netns exec SW /usr/bin/python3 bin/CMD} with {@code OVS_RUNDIR} set: the namespace
 *       gives its netlink cache the lab's links, OVS_RUNDIR sends its ovs-vsctl calls to the lab, and
 *       Debian's python3 is named explicitly (the scripts say {@code env python3}, and a pyenv shim may come
 *       first in PATH; Python 3.12 removed {@code configparser.readfp}, which this ifupdown2 uses).</li>
 * </ol>
 */
public final class PrivateIfupdown2 {

    /** Where .ci/run caches the .deb ({@code apt-get download ifupdown2}); overridable for other machines. */
    static Path debCache() {
        String p = System.getProperty("sriovctl.lab.debs", System.getenv("SRIOVCTL_LAB_DEBS"));
        return Path.of(p != null ? p : "/var/cache/sriovctl-lab");
    }

    public static final List<String> COMMANDS = List.of("ifup", "ifdown", "ifreload", "ifquery");

    private final OvsLab lab;
    private final Path home;
    private final String version;

    private PrivateIfupdown2(OvsLab lab, Path home, String version) {
        this.lab = lab;
        this.home = home;
        this.version = version;
    }

    /** The cached .deb, fetched into the cache with apt-get download when absent (the registry must be reachable then). */
    static Optional<Path> deb() {
        Optional<Path> cached = cachedDeb();
        if (cached.isPresent()) return cached;
        try {
            Files.createDirectories(debCache());
            ProcessBuilder pb = new ProcessBuilder("apt-get", "download", "-q", "ifupdown2")
                    .directory(debCache().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PATH", LabProcesses.PATH);
            pb.start().waitFor();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return cachedDeb();
    }

    private static Optional<Path> cachedDeb() {
        try (Stream<Path> s = Files.list(debCache())) {
            return s.filter(p -> p.getFileName().toString().matches("ifupdown2_.*_all\\.deb")).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Unpacks and patches ifupdown2 into {@code LAB/ifupdown2}. */
    static PrivateIfupdown2 install(OvsLab lab) {
        Path deb = deb().orElseThrow(() -> new IllegalStateException("no ifupdown2 .deb in " + debCache()
                + " and apt-get download failed (run .ci/run, or set -Dsriovctl.lab.debs=DIR)"));
        Path home = lab.dir().resolve("ifupdown2");
        Path root = home.resolve("root");
        Path pkg = root.resolve("usr/share/ifupdown2");
        try {
            for (String d : List.of("bin", "etc/policy.d", "lib/policy.d", "state", "run")) Files.createDirectories(home.resolve(d));
            LabProcesses.check(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of());
            String version = LabProcesses.check(List.of("dpkg-deb", "-f", deb.toString(), "Version"), Map.of()).strip();

            // 1. private config files, addon drop-in dir and policy dirs
            replace(pkg.resolve("ifupdown/config.py"),
                    "'/etc/network/ifupdown2/ifupdown2.conf'", quoted(home.resolve("etc/ifupdown2.conf")),
                    "'/etc/network/ifupdown2/addons.conf'", quoted(home.resolve("etc/addons.conf")),
                    "'/usr/share/ifupdown2/addons'", quoted(pkg.resolve("addons")));
            replace(pkg.resolve("ifupdown/policymanager.py"),
                    "'/etc/network/ifupdown2/policy.d/*.json'", quoted(home.resolve("etc/policy.d/*.json")),
                    "'/var/lib/ifupdown2/policy.d/*.json'", quoted(home.resolve("lib/policy.d/*.json")));
            // 2. private settings
            String conf = Files.readString(root.resolve("etc/network/ifupdown2/ifupdown2.conf"), StandardCharsets.UTF_8);
            conf = setting(conf, "addon_scripts_support", "0");
            conf = setting(conf, "state_dir", home.resolve("state") + "/");
            conf = setting(conf, "default_interfaces_configfile", lab.hostFile("/etc/network/interfaces").toString());
            Files.writeString(home.resolve("etc/ifupdown2.conf"), conf, StandardCharsets.UTF_8);
            Files.copy(root.resolve("etc/network/ifupdown2/addons.conf"), home.resolve("etc/addons.conf"));
            // 3. private run dir
            replace(pkg.resolve("ifupdown/main.py"), "\"/run/network/.lock\"", "\"" + home.resolve("run/.lock") + "\"");
            replace(pkg.resolve("ifupdown/statemanager.py"), "'/run/network/'", "'" + home.resolve("run") + "/'");
            // 4. bridges on the userspace datapath (no openvswitch kernel module here)
            replace(pkg.resolve("addons/openvswitch.py"), "cmd = \"--may-exist add-br %s\"%(iface)",
                    "cmd = \"--may-exist add-br %s -- set bridge %s datapath_type=netdev\"%(iface, iface)");
            // 5. command names
            for (String c : COMMANDS) Files.createSymbolicLink(home.resolve("bin").resolve(c), pkg.resolve("__main__.py"));
            verifyPrivate(pkg);
            return new PrivateIfupdown2(lab, home, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the private ifupdown2 in " + home, e);
        }
    }

    /** The Debian package version that was unpacked, e.g. 3.0.0-1.1. */
    public String version() {
        return version;
    }

    public Path home() {
        return home;
    }

    /** State ifupdown2 keeps between runs (what it configured last), under the lab. */
    public Path stateDir() {
        return home.resolve("state");
    }

    /**
     * Runs {@code ifup}, {@code ifdown}, {@code ifreload} or {@code ifquery} with {@code args}, inside the
     * switch namespace, against the lab's interfaces file and OVS.
     */
    public CommandResult run(String command, List<String> args) {
        if (!COMMANDS.contains(command)) throw new IllegalArgumentException("not an ifupdown2 command: " + command);
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", home.resolve("bin").resolve(command).toString()));
        argv.addAll(args);
        CommandResult r = lab.inNamespace(lab.switchNamespace(), argv, Duration.ofSeconds(60));
        // report it under the name the caller used, as a real host would
        List<String> shown = new ArrayList<>(List.of(command));
        shown.addAll(args);
        return new CommandResult(shown, r.exitCode(), r.stdout(), r.stderr());
    }

    private static String quoted(Path p) {
        return "'" + p + "'";
    }

    /** Replaces each (from, to) pair once at least; a missing {@code from} means the package changed. */
    private static void replace(Path file, String... pairs) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (int i = 0; i < pairs.length; i += 2) {
            if (!text.contains(pairs[i])) {
                throw new IllegalStateException("ifupdown2 patch: " + file + " no longer contains " + pairs[i]
                        + " (a different ifupdown2 version? see docs/lab.md)");
            }
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String setting(String conf, String key, String value) {
        Matcher m = Pattern.compile("^" + Pattern.quote(key) + "=.*$", Pattern.MULTILINE).matcher(conf);
        if (!m.find()) throw new IllegalStateException("ifupdown2.conf has no '" + key + "=' line any more");
        return m.replaceAll(Matcher.quoteReplacement(key + "=" + value));
    }

    /** No hard-coded /run/network or /etc/network/ifupdown2 config path is left in the core. */
    private static void verifyPrivate(Path pkg) throws IOException {
        try (Stream<Path> s = Files.walk(pkg.resolve("ifupdown"))) {
            for (Path py : s.filter(p -> p.toString().endsWith(".py")).toList()) {
                String t = Files.readString(py, StandardCharsets.UTF_8);
                for (String bad : List.of("'/run/network", "\"/run/network", "'/etc/network/ifupdown2/")) {
                    if (t.contains(bad)) throw new IllegalStateException("ifupdown2 patch incomplete: " + py + " still has " + bad);
                }
            }
        }
    }
}
