package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restarts ovs-vswitchd (not ovsdb-server) once, because vswitchd reads {@code hw-offload} (and
 * {@code tc-policy} with it) only when it enables the flow API: "Changing this value requires
 * restarting the daemon" (vswitch.xml; lib/netdev-offload.c enables it once per process).
 *
 * @param previous         other_config values to put back before the undo's restart
 * @param previouslyAbsent keys to remove before the undo's restart
 */
public record RestartVswitchd(Map<String, String> previous, List<String> previouslyAbsent, String reason) implements Step {

    public RestartVswitchd {
        previous = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(previous));
        previouslyAbsent = List.copyOf(previouslyAbsent);
    }

    static final List<String> RESTART = CommandCatalog.systemctl("restart", "ovs-vswitchd.service");

    @Override
    public String subject() {
        return "ovs-vswitchd";
    }

    @Override
    public String summary() {
        return "restart";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(120, RESTART));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.CommandSucceeds(CommandCatalog.ovsAppctlVersion()));
    }

    @Override
    public int verifySeconds() {
        return 60;
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>(SetOvsOtherConfig.restore(previous, previouslyAbsent));
        a.add(RunCommand.of(120, RESTART));
        return new Undo(a, null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }

    /** The datapath's flows are flushed; traffic through OVS pauses until they are re-learnt. */
    @Override
    public boolean disruptive() {
        return true;
    }
}
