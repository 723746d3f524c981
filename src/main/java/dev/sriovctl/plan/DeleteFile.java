package dev.sriovctl.plan;

import java.util.List;

/** Removes a file sriovctl wrote earlier and no longer renders (it carries the managed header). */
public record DeleteFile(String path, String previous, String reason) implements Step {

    @Override
    public String subject() {
        return path;
    }

    @Override
    public String summary() {
        return "delete (" + previous.lines().count() + " lines)";
    }

    @Override
    public List<Action> actions() {
        return List.of(new RemoveFile(path));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.PathAbsent(path));
    }

    @Override
    public Undo undo() {
        return Undo.of(new PutFile(path, previous, 0644));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
