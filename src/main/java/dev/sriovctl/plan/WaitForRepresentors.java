package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/** Waits until every VF representor of a PF exists under its name (the udev rules named it at creation). */
public record WaitForRepresentors(String pfPci, List<Representor> representors, String reason) implements Step {

    /** A representor's expected netdev name and its phys_port_name ({@code pf0vf3}). */
    public record Representor(String name, String portName) {
    }

    public WaitForRepresentors {
        representors = List.copyOf(representors);
    }

    @Override
    public String subject() {
        return pfPci;
    }

    @Override
    public String summary() {
        return "wait for " + representors.size() + " representor" + (representors.size() == 1 ? "" : "s");
    }

    @Override
    public List<Action> actions() {
        return List.of();
    }

    @Override
    public List<Probe> verify() {
        List<Probe> p = new ArrayList<>();
        for (Representor r : representors) {
            p.add(new Probes.AttributeEquals(SysPaths.netdev(r.name()) + "/phys_port_name", r.portName()));
        }
        return p;
    }

    @Override
    public int verifySeconds() {
        return Math.min(120, 10 + representors.size() / 2);
    }

    @Override
    public Undo undo() {
        return Undo.nothing(null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
