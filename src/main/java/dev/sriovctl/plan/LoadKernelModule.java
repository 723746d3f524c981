package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/** {@code modprobe <module>}: vfio-pci must be loaded before a VF can be bound to it. */
public record LoadKernelModule(String module, String reason) implements Step {

    @Override
    public String subject() {
        return module;
    }

    @Override
    public String summary() {
        return "load";
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(60, CommandCatalog.modprobe(module)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.PathExists("/sys/bus/pci/drivers/" + module));
    }

    @Override
    public Undo undo() {
        return Undo.nothing("the module stays loaded");
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.POST;
    }
}
