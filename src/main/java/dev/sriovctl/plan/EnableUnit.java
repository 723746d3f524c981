package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import dev.sriovctl.render.BootUnitsRenderer;

import java.util.List;

/** {@code systemctl enable <unit>}, so the unit runs at every boot (it is not started now). */
public record EnableUnit(String unit, String reason) implements Step {

    @Override
    public String subject() {
        return unit;
    }

    @Override
    public String summary() {
        return "enable";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(60, CommandCatalog.systemctl("enable", unit)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.PathExists(BootUnitsRenderer.wantsLink(unit)));
    }

    @Override
    public Undo undo() {
        return Undo.of(RunCommand.of(60, CommandCatalog.systemctl("disable", unit)));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
