package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/** {@code systemctl daemon-reload} after unit files changed. */
public record ReloadSystemd(String reason) implements Step {

    @Override
    public String subject() {
        return "systemd";
    }

    @Override
    public String summary() {
        return "daemon-reload";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(60, CommandCatalog.systemctl("daemon-reload", null)));
    }

    @Override
    public Undo undo() {
        return Undo.of(RunCommand.of(60, CommandCatalog.systemctl("daemon-reload", null)));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
