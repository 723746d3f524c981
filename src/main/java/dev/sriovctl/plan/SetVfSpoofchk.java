package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Sets a VF's spoof checking (legacy mode only: mlx5 refuses it in switchdev, esw/legacy.c).
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfSpoofchk(String pfNetdev, int vf, boolean on, Boolean previous, String reason) implements Step {

    @Override
    public String subject() {
        return pfNetdev + " vf " + vf;
    }

    @Override
    public String summary() {
        return "spoofchk " + (previous == null ? "" : (previous ? "on" : "off") + " -> ") + (on ? "on" : "off");
    }

    @Override
    public List<Action> actions() {
        return List.of(command(on));
    }

    private RunCommand command(boolean value) {
        return RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev, vf, "spoofchk", value ? "on" : "off"));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.VfSettingIs(pfNetdev, vf, "spoofchk", (on ? "on" : "off")));
    }

    @Override
    public Undo undo() {
        return previous == null ? Undo.nothing("the previous value was unknown") : Undo.of(command(previous));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
