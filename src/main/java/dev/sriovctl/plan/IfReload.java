package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ifreload -a}: ifupdown2 applies the interfaces files (bridges, bonds, ports). Success is
 * judged by reading Open vSwitch back, not by the exit status alone: Debian 12's ifupdown2 exits 1
 * with "ifname bond1 not present in cache" after configuring an OVS bond correctly, so exit 1 is
 * tolerated and {@link #checks()} decide.
 *
 * @param checks      what Open vSwitch must show afterwards (ports, bond settings, tags)
 * @param filesBefore the interfaces files as they were, restored by the undo before reloading again
 * @param mtus        netdevs whose MTU the stanzas set, with the MTU they had: ifupdown2 does not put an MTU
 *                    back when it takes an interface down, so the undo does ({@code ip link set dev X mtu N})
 */
public record IfReload(List<String> bridges, List<Probe> checks, List<PriorFile> filesBefore, List<Mtu> mtus,
                       String reason) implements Step {

    /** A netdev's MTU before the reload ({@code before}) and the one the stanzas give it. */
    public record Mtu(String netdev, int before, int after) {
    }

    public IfReload {
        bridges = List.copyOf(bridges);
        checks = List.copyOf(checks);
        filesBefore = List.copyOf(filesBefore);
        mtus = List.copyOf(mtus);
    }

    public IfReload(List<String> bridges, List<Probe> checks, List<PriorFile> filesBefore, String reason) {
        this(bridges, checks, filesBefore, List.of(), reason);
    }

    /** The MTUs it changes must still be what the plan saw (and so the checkpoint records them). */
    @Override
    public List<Probe> precondition() {
        List<Probe> p = new ArrayList<>();
        for (Mtu m : mtus) p.add(new Probes.AttributeEquals(SysPaths.netdev(m.netdev()) + "/mtu", Integer.toString(m.before())));
        return p;
    }

    static final String TOLERATED = "exit 1 tolerated: Debian 12's ifupdown2 reports \"ifname bond1 not present in cache\" "
            + "after configuring an OVS bond correctly; Open vSwitch is read back instead";

    @Override
    public String subject() {
        return bridges.isEmpty() ? "ifupdown2" : String.join(", ", bridges);
    }

    @Override
    public String summary() {
        return "ifreload -a";
    }

    @Override
    public List<Action> actions() {
        return List.of(command());
    }

    private static RunCommand command() {
        return new RunCommand(CommandCatalog.ifreloadAll(), List.of(0, 1), 300, TOLERATED);
    }

    @Override
    public List<Probe> verify() {
        return checks;
    }

    @Override
    public int verifySeconds() {
        return 30 + checks.size() / 4;
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>(PriorFile.restoreAll(filesBefore));
        a.add(command());
        for (Mtu m : mtus) {
            if (m.before() != m.after()) a.add(RunCommand.of(30, CommandCatalog.ipLinkSetMtu(m.netdev(), m.before())));
        }
        return new Undo(a, null);
    }

    /** Representors a rollback re-created after this reload's undo become ports again, up, with their MTU. */
    @Override
    public List<Action> afterRollback() {
        return List.of(command());
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.NONE;
    }
}
