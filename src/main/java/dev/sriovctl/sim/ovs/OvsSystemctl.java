package dev.sriovctl.sim.ovs;

import dev.sriovctl.host.CommandResult;

import java.util.List;
import java.util.Optional;

/**
 * {@code systemctl start|stop|restart|is-active} for Debian's Open vSwitch units: openvswitch-switch (both
 * daemons), ovs-vswitchd and ovsdb-server. A restart is a new ovs-vswitchd process, the only way a change of
 * hw-offload/tc-policy takes full effect. Returns empty for any other unit or verb, for the caller to handle.
 */
public final class OvsSystemctl {
    private OvsSystemctl() {
    }

    public static Optional<CommandResult> run(OvsDatabase db, LinkTable links, List<String> argv) {
        if (argv.size() != 3) return Optional.empty();
        String verb = argv.get(1);
        String unit = argv.get(2).endsWith(".service") ? argv.get(2).substring(0, argv.get(2).length() - 8) : argv.get(2);
        if (!List.of("openvswitch-switch", "ovs-vswitchd", "ovsdb-server").contains(unit)) return Optional.empty();
        Vswitchd v = db.vswitchd();
        switch (verb) {
            case "start" -> {
                if (unit.equals("ovsdb-server")) v.ovsdbServerRunning = true;
                else Vswitchd.start(db, links);
            }
            case "stop" -> {
                if (unit.equals("ovs-vswitchd")) Vswitchd.exit(db, links, false);
                else Vswitchd.stop(db);
            }
            case "restart" -> {
                if (unit.equals("ovsdb-server")) {
                    v.ovsdbServerRunning = true;
                } else {
                    Vswitchd.restart(db, links);
                }
            }
            case "is-active" -> {
                boolean active = unit.equals("ovsdb-server") ? v.ovsdbServerRunning() : unit.equals("ovs-vswitchd") ? v.running()
                        : v.running() && v.ovsdbServerRunning();
                return Optional.of(new CommandResult(argv, active ? 0 : 3, active ? "active\n" : "inactive\n", ""));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new CommandResult(argv, 0, "", ""));
    }
}
