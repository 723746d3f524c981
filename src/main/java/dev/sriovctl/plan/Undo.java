package dev.sriovctl.plan;

import java.util.List;

/**
 * What restores the state a step found, assuming every later step was already undone.
 * Steps whose effect depends on earlier writes (reloads, restarts) restore those writes first,
 * so each undo stands on its own.
 *
 * @param note what the undo cannot restore exactly, or null
 */
public record Undo(List<Action> actions, String note) {

    public Undo {
        actions = List.copyOf(actions);
    }

    public static Undo of(Action... actions) {
        return new Undo(List.of(actions), null);
    }

    public static Undo nothing(String why) {
        return new Undo(List.of(), why);
    }
}
