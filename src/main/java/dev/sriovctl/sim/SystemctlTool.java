package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code systemctl} of the simulated host. The Open vSwitch units (openvswitch-switch, ovs-vswitchd,
 * ovsdb-server) start, stop and restart the simulated daemons ({@link NetworkTool}); other units are unit
 * files among the host's files: {@code daemon-reload}, {@code enable}/{@code disable} (the
 * {@code /etc/systemd/system/TARGET.wants/UNIT} links of their {@code [Install] WantedBy=}, with systemd 252's
 * messages), {@code is-enabled}, and {@code start}/{@code stop}/{@code restart}/{@code is-active}, which record the
 * unit's state without running its {@code ExecStart} (the simulator runs no programs).
 */
final class SystemctlTool implements SimTool {

    static final String SYSTEMD = "systemd";
    private static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");
    private static final Set<String> READ_ONLY = Set.of("is-active", "is-enabled", "is-failed", "status", "show", "cat", "list-units",
            "list-unit-files");

    private final NetworkTool network;

    SystemctlTool(NetworkTool network) {
        this.network = network;
    }

    @Override
    public boolean mutates(List<String> argv) {
        List<String> a = args(argv);
        return a.isEmpty() || !READ_ONLY.contains(a.get(0));
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        List<String> a = args(argv);
        if (a.isEmpty()) return SimTool.result(argv, 1, "", "systemctl: listing units is not simulated\n");
        String verb = a.get(0);
        List<String> units = new ArrayList<>();
        for (String u : a.subList(1, a.size())) units.add(u.contains(".") ? u : u + ".service");
        if (verb.equals("daemon-reload")) return SimTool.result(argv, 0, "", "");
        if (units.isEmpty()) return SimTool.result(argv, 1, "", "Too few arguments.\n");
        if (units.size() == 1 && isOvsUnit(units.get(0)) && List.of("start", "stop", "restart", "is-active").contains(verb)) {
            if (!NetworkTool.ovsInstalled(host)) return notFound(argv, verb, units.get(0));
            return network.run(host, List.of("systemctl", verb, units.get(0)));
        }
        return switch (verb) {
            case "enable" -> enable(host, argv, units);
            case "disable" -> disable(host, argv, units);
            case "is-enabled" -> isEnabled(host, argv, units);
            case "is-active" -> isActive(host, argv, units);
            case "start", "restart", "stop" -> startStop(host, argv, verb, units);
            default -> SimTool.result(argv, 1, "", "systemctl " + verb + ": not simulated (supported: daemon-reload, enable, disable,"
                    + " is-enabled, start, stop, restart, is-active)\n");
        };
    }

    private static List<String> args(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (String s : argv.subList(1, argv.size())) if (!s.startsWith("-")) out.add(s);
        return out;
    }

    private static boolean isOvsUnit(String unit) {
        return NetworkTool.OVS_UNITS.contains(unit.substring(0, unit.lastIndexOf('.')));
    }

    /** The unit file's path, or empty; the Open vSwitch units exist once the package is installed. */
    private static Optional<String> unitFile(SimHost host, String unit) {
        for (String d : UNIT_DIRS) if (host.exists(d + "/" + unit)) return Optional.of(d + "/" + unit);
        if (isOvsUnit(unit) && NetworkTool.ovsInstalled(host)) return Optional.of("/lib/systemd/system/" + unit);
        return Optional.empty();
    }

    /** The targets of {@code WantedBy=} (and {@code RequiredBy=}) in the unit's [Install] section. */
    private static List<String> wantedBy(SimHost host, String file) {
        List<String> out = new ArrayList<>();
        String section = "";
        for (String raw : host.read(file).orElse("").split("\n")) {
            String l = raw.strip();
            if (l.startsWith("[")) section = l;
            else if (section.equals("[Install]") && (l.startsWith("WantedBy=") || l.startsWith("RequiredBy="))) {
                String kind = l.startsWith("WantedBy=") ? ".wants" : ".requires";
                for (String t : l.substring(l.indexOf('=') + 1).trim().split("\\s+")) if (!t.isEmpty()) out.add(t + kind);
            }
        }
        return out;
    }

    private CommandResult enable(SimHost host, List<String> argv, List<String> units) {
        StringBuilder err = new StringBuilder();
        for (String u : units) {
            Optional<String> file = unitFile(host, u);
            if (file.isEmpty()) return SimTool.result(argv, 1, "", "Failed to enable unit: Unit file " + u + " does not exist.\n");
            if (isOvsUnit(u)) continue; // the package enabled it
            List<String> dirs = wantedBy(host, file.get());
            if (dirs.isEmpty()) {
                err.append("The unit files have no installation config (WantedBy=, RequiredBy=, Also=,\n"
                        + "Alias= settings in the [Install] section, and DefaultInstance= for template\n"
                        + "units). This means they are not meant to be enabled or disabled using systemctl.\n");
                continue;
            }
            for (String d : dirs) {
                String link = "/etc/systemd/system/" + d + "/" + u;
                if (host.readLink(link).isPresent()) continue;
                host.symlink(link, file.get());
                err.append("Created symlink ").append(link).append(" \u2192 ").append(file.get()).append(".\n");
            }
        }
        return SimTool.result(argv, 0, "", err.toString());
    }

    private CommandResult disable(SimHost host, List<String> argv, List<String> units) {
        StringBuilder err = new StringBuilder();
        for (String u : units) {
            if (unitFile(host, u).isEmpty()) return SimTool.result(argv, 1, "", "Failed to disable unit: Unit file " + u + " does not exist.\n");
            for (String link : links(host, u)) {
                host.deleteFile(link);
                err.append("Removed \"").append(link).append("\".\n");
            }
        }
        return SimTool.result(argv, 0, "", err.toString());
    }

    private static List<String> links(SimHost host, String unit) {
        List<String> out = new ArrayList<>();
        for (String d : host.list("/etc/systemd/system")) {
            if (!d.endsWith(".wants") && !d.endsWith(".requires")) continue;
            String link = "/etc/systemd/system/" + d + "/" + unit;
            if (host.readLink(link).isPresent()) out.add(link);
        }
        return out;
    }

    private CommandResult isEnabled(SimHost host, List<String> argv, List<String> units) {
        StringBuilder out = new StringBuilder();
        boolean all = true;
        for (String u : units) {
            Optional<String> file = unitFile(host, u);
            if (file.isEmpty()) {
                return SimTool.result(argv, 1, out.toString(), "Failed to get unit file state for " + u + ": No such file or directory\n");
            }
            boolean enabled = isOvsUnit(u) || !links(host, u).isEmpty();
            String state = enabled ? "enabled" : wantedBy(host, file.get()).isEmpty() ? "static" : "disabled";
            all &= !state.equals("disabled");
            out.append(state).append('\n');
        }
        return SimTool.result(argv, all ? 0 : 1, out.toString(), "");
    }

    private CommandResult isActive(SimHost host, List<String> argv, List<String> units) {
        Set<String> active = active(host);
        StringBuilder out = new StringBuilder();
        boolean all = true;
        for (String u : units) {
            boolean a = active.contains(u);
            all &= a;
            out.append(a ? "active" : "inactive").append('\n');
        }
        return SimTool.result(argv, all ? 0 : 3, out.toString(), "");
    }

    private CommandResult startStop(SimHost host, List<String> argv, String verb, List<String> units) {
        Set<String> active = active(host);
        for (String u : units) {
            if (unitFile(host, u).isEmpty()) return notFound(argv, verb, u);
            if (verb.equals("stop")) active.remove(u);
            else active.add(u);
        }
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        active.forEach(arr::add);
        host.setExtension(SYSTEMD, JsonNodeFactory.instance.objectNode().set("active", arr));
        return SimTool.result(argv, 0, "", "");
    }

    private static Set<String> active(SimHost host) {
        Set<String> out = new TreeSet<>();
        JsonNode n = host.extension(SYSTEMD);
        if (n != null) n.path("active").forEach(x -> out.add(x.asText()));
        return out;
    }

    private static CommandResult notFound(List<String> argv, String verb, String unit) {
        if (verb.equals("is-active")) return SimTool.result(argv, 3, "inactive\n", "");
        return SimTool.result(argv, 5, "", "Failed to " + verb + " " + unit + ": Unit " + unit + " not found.\n");
    }
}
