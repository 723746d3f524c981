package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Removes an OVS port that the rendered stanzas replace by a different kind of port with the same
 * name (an OVS bond that becomes a VF-LAG Linux bond); {@code ifreload -a} would otherwise keep the
 * old port because its name is still listed in {@code ovs_ports}.
 */
public record RemoveOvsPort(String bridge, String port, String reason) implements Step {

    @Override
    public String subject() {
        return bridge + " port " + port;
    }

    @Override
    public String summary() {
        return "remove from Open vSwitch";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(30, CommandCatalog.ovsDelPort(bridge, port)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.OvsPortsExclude(bridge, List.of(port)));
    }

    @Override
    public Undo undo() {
        return Undo.nothing("restored by the ifreload of the previous interfaces file");
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }

    @Override
    public boolean disruptive() {
        return true;
    }
}
