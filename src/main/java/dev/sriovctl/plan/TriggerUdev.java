package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Renames existing netdevs now, without a reboot: {@code udevadm trigger --action=add} for just
 * these devices (sriov-network-operator and netplan trigger the whole net subsystem; naming the
 * devices keeps other interfaces out of it), then {@code udevadm settle}. A netdev that is up cannot
 * be renamed (net/core/dev.c dev_change_name: EBUSY unless the driver allows live renames, which mlx5
 * representors do not), so each is taken down first and brought up again under its new name: their VFs lose
 * the link for that moment. The plan renames representors before ifupdown2 adds them to OVS.
 */
public record TriggerUdev(List<Rename> renames, List<PriorFile> rulesBefore, String reason) implements Step {

    /** A netdev and the name the rules give it; {@code portName} identifies it after the rename. */
    public record Rename(String from, String to, String portName) {
    }

    public TriggerUdev {
        renames = List.copyOf(renames);
        rulesBefore = List.copyOf(rulesBefore);
    }

    @Override
    public String subject() {
        return renames.size() == 1 ? renames.get(0).from() : renames.size() + " netdevs";
    }

    @Override
    public String summary() {
        Rename first = renames.get(0);
        return "rename " + first.from() + " -> " + first.to() + (renames.size() > 1 ? " and " + (renames.size() - 1) + " more" : "");
    }

    @Override
    public List<Action> actions() {
        List<Action> a = new ArrayList<>();
        for (Rename r : renames) a.add(RunCommand.of(30, CommandCatalog.ipLinkSetState(r.from(), false)));
        a.add(trigger(renames.stream().map(Rename::from).toList()));
        a.add(settle());
        for (Rename r : renames) a.add(RunCommand.of(30, CommandCatalog.ipLinkSetState(r.to(), true)));
        return a;
    }

    /** A representor taken down for its rename takes its VF's link down with it (switchdev). */
    @Override
    public boolean disruptive() {
        return true;
    }

    static RunCommand trigger(List<String> names) {
        return RunCommand.of(60, CommandCatalog.udevadmTriggerNet(names));
    }

    static RunCommand settle() {
        return RunCommand.of(130, CommandCatalog.udevadmSettle(120));
    }

    @Override
    public List<Probe> verify() {
        List<Probe> p = new ArrayList<>();
        for (Rename r : renames) p.add(new Probes.AttributeEquals(SysPaths.netdev(r.to()) + "/phys_port_name", r.portName()));
        return p;
    }

    @Override
    public int verifySeconds() {
        return 10 + renames.size() / 4;
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>();
        for (Rename r : renames) a.add(RunCommand.of(30, CommandCatalog.ipLinkSetState(r.to(), false)));
        a.addAll(PriorFile.restoreAll(rulesBefore));
        a.add(RunCommand.of(30, CommandCatalog.udevadmReload()));
        a.add(trigger(renames.stream().map(Rename::to).toList()));
        a.add(settle());
        // best effort: a name no rule gives back stays, and "ip link set" then finds no device (exit 1)
        for (Rename r : renames) {
            a.add(new RunCommand(CommandCatalog.ipLinkSetState(r.from(), true), List.of(0, 1), 30,
                    "the netdev keeps its new name when no rule names it back"));
        }
        return new Undo(a, "best effort: a netdev renamed by a rule keeps its new name unless another rule names it "
                + "(systemd's NamePolicy keeps names that userspace assigned)");
    }

    @Override
    public List<Action> afterRollback() {
        return List.of(RunCommand.of(60, CommandCatalog.udevadmTriggerNet(List.of())), settle());
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
