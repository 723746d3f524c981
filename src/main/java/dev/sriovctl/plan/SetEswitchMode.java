package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code devlink dev eswitch set pci/<pf> mode <m>}, only when the mode differs: re-setting an
 * unchanged mode deactivates an active VF-LAG (netplan commit 7d51ce45; mlx5 calls
 * mlx5_lag_disable_change on every mode set). Entering switchdev creates the representors and
 * re-registers the PF netdev, which the udev rules written before keep under its name.
 *
 * @param vfPcis the PF's VFs, which must all be unbound first
 */
public record SetEswitchMode(String pfPci, String pfNetdev, String from, String to, List<String> vfPcis, String reason,
                             boolean disruptive) implements Step {

    public SetEswitchMode {
        vfPcis = List.copyOf(vfPcis);
    }

    @Override
    public String subject() {
        return pfNetdev == null ? pfPci : pfPci + " (" + pfNetdev + ")";
    }

    @Override
    public String summary() {
        return from + " -> " + to;
    }

    @Override
    public List<Probe> precondition() {
        List<Probe> p = new ArrayList<>();
        for (String vf : vfPcis) p.add(new Probes.DriverIs(vf, null));
        return p;
    }

    @Override
    public List<Action> actions() {
        return List.of(command(to));
    }

    private RunCommand command(String mode) {
        return RunCommand.of(120, CommandCatalog.devlinkEswitchSet(pfPci, mode));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.DevlinkModeIs(pfPci, to));
    }

    @Override
    public int verifySeconds() {
        return 30 + vfPcis.size() / 2;
    }

    @Override
    public Undo undo() {
        if (!from.equals("legacy") && !from.equals("switchdev")) return Undo.nothing("the previous mode was unknown");
        return Undo.of(command(from));
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
