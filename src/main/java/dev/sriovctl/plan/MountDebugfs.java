package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * Mounts debugfs, where mlx5 shows its hardware LAG ({@code /sys/kernel/debug/mlx5/<pf>/lag/state}), so
 * {@link WaitForLagActive} can tell when the VFs may be bound. Planned only when {@code /proc/mounts} shows it
 * unmounted (systemd mounts it at boot on Debian and Proxmox VE, but not every host keeps it). Left mounted:
 * unmounting it would only hide the LAG from sriovctl doctor.
 */
public record MountDebugfs(String reason) implements Step {

    @Override
    public String subject() {
        return "debugfs";
    }

    @Override
    public String summary() {
        return "mount on " + CommandCatalog.DEBUGFS;
    }

    @Override
    public List<Action> actions() {
        return List.of(RunCommand.of(CommandCatalog.mountDebugfs().toArray(String[]::new)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.Mounted("debugfs", CommandCatalog.DEBUGFS));
    }

    @Override
    public Undo undo() {
        return Undo.nothing("debugfs stays mounted (read-only kernel information; systemd mounts it at boot anyway)");
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.POST;
    }
}
