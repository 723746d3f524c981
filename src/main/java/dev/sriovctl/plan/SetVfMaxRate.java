package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Sets a VF's maximum transmit rate in Mbit/s ({@code max_tx_rate}; mlx5 accepts it in both modes).
 *
 * @param previous the value before, restored by the undo; null when unknown
 */
public record SetVfMaxRate(String pfNetdev, int vf, int mbps, Integer previous, String reason) implements Step {

    @Override
    public String subject() {
        return pfNetdev + " vf " + vf;
    }

    @Override
    public String summary() {
        return "max-rate " + (previous == null ? "" : String.valueOf(previous) + " -> ") + String.valueOf(mbps);
    }

    @Override
    public List<Action> actions() {
        return List.of(command(mbps));
    }

    private RunCommand command(int value) {
        return RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev, vf, "max_tx_rate", Integer.toString(value)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.VfSettingIs(pfNetdev, vf, "max_tx_rate", String.valueOf(mbps)));
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
