package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Sets a VF's VLAN in legacy mode ({@code ip link set dev PF vf N vlan V}). In switchdev mode mlx5 refuses it (esw/legacy.c), and the VLAN is the tag of the representor's OVS port instead.
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfVlan(String pfNetdev, int vf, int vlan, Integer previous, String reason) implements Step {

    @Override
    public String subject() {
        return pfNetdev + " vf " + vf;
    }

    @Override
    public String summary() {
        return "vlan " + (previous == null ? "" : String.valueOf(previous) + " -> ") + String.valueOf(vlan);
    }

    @Override
    public List<Action> actions() {
        return List.of(command(vlan));
    }

    private RunCommand command(int value) {
        return RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev, vf, "vlan", Integer.toString(value)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.VfSettingIs(pfNetdev, vf, "vlan", String.valueOf(vlan)));
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
