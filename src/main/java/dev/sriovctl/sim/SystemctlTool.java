package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code systemctl} of a simulated host: the Open vSwitch units are the OVS emulation's (restart,
 * is-active, ...); for other units {@code daemon-reload}, {@code enable}, {@code disable} and
 * {@code is-enabled} work on the unit files under {@code /etc/systemd/system} as systemd 252 does
 * (enable links the unit into each {@code WantedBy=} target's {@code .wants} directory and prints
 * "Created symlink ..."). Units are never started: the simulated host does not boot.
 */
final class SystemctlTool implements SimTool {

    static final String UNIT_DIR = "/etc/systemd/system";
    private static final Pattern WANTED_BY = Pattern.compile("(?m)^WantedBy=(.+)$");

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        SimNetworkBridge ovs = new SimNetworkBridge(host);
        Optional<CommandResult> r = ovs.run(argv);
        if (r.isPresent()) return r.get();
        List<String> args = argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
        if (args.isEmpty()) return SimTool.result(argv, 1, "", "Too few arguments.\n");
        String verb = args.get(0);
        List<String> units = args.subList(1, args.size()).stream().map(u -> u.contains(".") ? u : u + ".service").toList();
        Path fs = host.directory().resolve(dev.sriovctl.host.SnapshotFormat.FS);
        try {
            switch (verb) {
                case "daemon-reload":
                    return SimTool.result(argv, 0, "", "");
                case "enable": {
                    StringBuilder err = new StringBuilder();
                    for (String u : units) {
                        Path file = at(fs, UNIT_DIR + "/" + u);
                        if (!Files.isRegularFile(file)) {
                            return SimTool.result(argv, 1, "", "Failed to enable unit: Unit file " + u + " does not exist.\n");
                        }
                        for (String target : wantedBy(Files.readString(file))) {
                            String link = UNIT_DIR + "/" + target + ".wants/" + u;
                            Path l = at(fs, link);
                            if (Files.exists(l, LinkOption.NOFOLLOW_LINKS)) continue;
                            Files.createDirectories(l.getParent());
                            // relative, so the directory stays a valid snapshot (absolute links are refused there)
                            Files.createSymbolicLink(l, Path.of("../" + u));
                            err.append("Created symlink ").append(link).append(" \u2192 ").append(UNIT_DIR).append('/').append(u).append(".\n");
                        }
                    }
                    return SimTool.result(argv, 0, "", err.toString());
                }
                case "disable": {
                    StringBuilder err = new StringBuilder();
                    for (String u : units) {
                        for (String link : wantsLinks(fs, u)) {
                            Files.deleteIfExists(at(fs, link));
                            err.append("Removed \"").append(link).append("\".\n");
                        }
                    }
                    return SimTool.result(argv, 0, "", err.toString());
                }
                case "is-enabled": {
                    boolean all = true;
                    StringBuilder out = new StringBuilder();
                    for (String u : units) {
                        boolean on = !wantsLinks(fs, u).isEmpty();
                        boolean exists = Files.isRegularFile(at(fs, UNIT_DIR + "/" + u));
                        out.append(on ? "enabled" : exists ? "disabled" : "not-found").append('\n');
                        all &= on;
                    }
                    return SimTool.result(argv, all ? 0 : 1, out.toString(), "");
                }
                default:
                    return SimTool.result(argv, 1, "", "systemctl " + verb + " is not simulated (the simulated host does not run units)\n");
            }
        } catch (IOException e) {
            return SimTool.result(argv, 1, "", "Failed to " + verb + ": " + e.getMessage() + "\n");
        }
    }

    @Override
    public boolean mutates(List<String> argv) {
        return !argv.contains("is-enabled") && !argv.contains("is-active") && !argv.contains("status");
    }

    private static List<String> wantedBy(String unitText) {
        List<String> out = new ArrayList<>();
        Matcher m = WANTED_BY.matcher(unitText);
        while (m.find()) for (String t : m.group(1).strip().split("\\s+")) out.add(t);
        return out;
    }

    private static List<String> wantsLinks(Path fs, String unit) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = at(fs, UNIT_DIR);
        if (!Files.isDirectory(dir)) return out;
        try (var s = Files.list(dir)) {
            for (Path d : s.filter(p -> p.getFileName().toString().endsWith(".wants")).sorted().toList()) {
                if (Files.exists(d.resolve(unit), LinkOption.NOFOLLOW_LINKS)) out.add(UNIT_DIR + "/" + d.getFileName() + "/" + unit);
            }
        }
        return out;
    }

    private static Path at(Path fs, String hostPath) {
        return fs.resolve(hostPath.substring(1));
    }

    /** The OVS units go to the network emulation, whose state is saved after the call. */
    private record SimNetworkBridge(SimHost host) {
        Optional<CommandResult> run(List<String> argv) {
            var net = NetworkTool.network(host);
            Optional<CommandResult> r = net.run(argv);
            if (r.isPresent()) NetworkTool.save(host, net);
            return r;
        }
    }
}
