package dev.sriovctl.plan;

import java.util.List;

/**
 * Writes one rendered file (atomically, through {@code Host.writeFile}).
 *
 * @param previous the content it replaces, or null when the file is new
 */
public record WriteFile(String path, String content, int mode, String previous, String reason) implements Step {

    @Override
    public String subject() {
        return path;
    }

    @Override
    public String summary() {
        if (previous == null) return "create (" + content.lines().count() + " lines)";
        UnifiedDiff.Counts c = UnifiedDiff.counts(previous, content);
        return "update (+" + c.added() + " -" + c.removed() + " lines)";
    }

    @Override
    public List<Action> actions() {
        return List.of(new PutFile(path, content, mode));
    }

    @Override
    public List<Probe> verify() {
        return List.of(Probes.FileContentIs.of(path, content));
    }

    @Override
    public Undo undo() {
        return new Undo(List.of(new PriorFile(path, previous, mode).restore()), null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
