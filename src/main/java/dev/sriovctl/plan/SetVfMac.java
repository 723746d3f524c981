package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Sets a VF's MAC address through its PF ({@code ip link set dev PF vf N mac X}); mlx5 accepts it in legacy and switchdev mode.
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfMac(String pfNetdev, int vf, String mac, String previous, String reason) implements Step {

    @Override
    public String subject() {
        return pfNetdev + " vf " + vf;
    }

    @Override
    public String summary() {
        return "mac " + (previous == null ? "" : previous + " -> ") + mac;
    }

    @Override
    public List<Action> actions() {
        return List.of(command(mac));
    }

    private RunCommand command(String value) {
        return RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev, vf, "mac", value));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.VfSettingIs(pfNetdev, vf, "mac", mac));
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
