package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code udevadm control --reload}: udevd re-reads the rules now, so devices created by the next
 * steps (switchdev's representors, a re-registered PF) get their names at creation.
 *
 * @param rulesBefore the rule files as they were, restored by the undo before reloading again
 */
public record ReloadUdevRules(List<PriorFile> rulesBefore, String reason) implements Step {

    public ReloadUdevRules {
        rulesBefore = List.copyOf(rulesBefore);
    }

    @Override
    public String subject() {
        return "udev";
    }

    @Override
    public String summary() {
        return "reload rules";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(30, CommandCatalog.udevadmReload()));
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>(PriorFile.restoreAll(rulesBefore));
        a.add(RunCommand.of(30, CommandCatalog.udevadmReload()));
        return new Undo(a, null);
    }

    /** Devices a rollback re-created while other rules were loaded get the names of the restored rules. */
    @Override
    public List<Action> afterRollback() {
        return List.of(RunCommand.of(60, CommandCatalog.udevadmTriggerNet(List.of())), TriggerUdev.settle());
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
