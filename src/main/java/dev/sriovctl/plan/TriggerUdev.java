package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Renames existing netdevs now, without a reboot: {@code udevadm trigger --action=add} for just
 * these devices (sriov-network-operator and netplan trigger the whole net subsystem; naming the
 * devices keeps other interfaces out of it), then {@code udevadm settle}. A netdev that is up cannot
 * be renamed on older kernels, so the plan renames representors before ifupdown2 adds them to OVS.
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
        return List.of(trigger(renames.stream().map(Rename::from).toList()), settle());
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
        List<Action> a = new ArrayList<>(PriorFile.restoreAll(rulesBefore));
        a.add(RunCommand.of(30, CommandCatalog.udevadmReload()));
        a.add(trigger(renames.stream().map(Rename::to).toList()));
        a.add(settle());
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
