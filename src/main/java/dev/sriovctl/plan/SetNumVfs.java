package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code sriov_numvfs}. A count changes only through 0 (the kernel answers EBUSY to N -> M;
 * netplan, one-deploy and sriov-network-operator all write 0 first), so a plan has a 0 step and a
 * 0 -> N step; going to 0 destroys every VF of the PF.
 */
public record SetNumVfs(String pfPci, String pfNetdev, int from, int to, String reason, boolean disruptive) implements Step {

    @Override
    public String subject() {
        return pfNetdev == null ? pfPci : pfPci + " (" + pfNetdev + ")";
    }

    @Override
    public String summary() {
        return from + " -> " + to + " VFs";
    }

    @Override
    public List<Probe> precondition() {
        return to > 0 ? List.of(new Probes.AttributeEquals(SysPaths.numVfs(pfPci), "0")) : List.of();
    }

    @Override
    public List<Action> actions() {
        return List.of(WriteAttribute.of(SysPaths.numVfs(pfPci), Integer.toString(to)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.AttributeEquals(SysPaths.numVfs(pfPci), Integer.toString(to)));
    }

    @Override
    public int verifySeconds() {
        return 30 + to;
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>();
        if (to > 0) a.add(WriteAttribute.of(SysPaths.numVfs(pfPci), "0"));
        if (from > 0) a.add(WriteAttribute.of(SysPaths.numVfs(pfPci), Integer.toString(from)));
        return new Undo(a, from > 0 ? "re-created VFs start with default settings; later steps' undos restore them" : null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
