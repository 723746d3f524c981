package dev.sriovctl.sim.ifupdown;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.sim.ovs.LinkTable;
import dev.sriovctl.sim.ovs.OvsAppctl;
import dev.sriovctl.sim.ovs.OvsDatabase;
import dev.sriovctl.sim.ovs.OvsSystemctl;
import dev.sriovctl.sim.ovs.OvsVsctl;
import dev.sriovctl.sim.ovs.Vswitchd;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The network commands of a simulated host in one place, for {@code SimHost.run(argv)} to delegate to:
 * {@code ovs-vsctl}, {@code ovs-appctl}, {@code ifup}, {@code ifdown}, {@code ifreload} and
 * {@code systemctl start|stop|restart|is-active openvswitch-switch|ovs-vswitchd|ovsdb-server}, dispatched on
 * the basename of argv[0]. ifupdown2's own ovs-vsctl calls go through {@code runner} (by default this
 * dispatcher), so they take the same path as sriovctl's. The caller persists {@link #database()} and
 * {@link #ifupdown2State()} (both Jackson-serializable) after each command.
 */
public final class SimNetwork {
    private final OvsDatabase db;
    private final LinkTable links;
    private final Ifupdown2State state;
    private final ConfigFiles files;
    private final Supplier<String> isoTime;
    private final Supplier<Long> millis;
    private final Ifupdown2.CommandRunner runner;

    /** {@code isoTime}: the host clock as ISO-8601 UTC (log lines); {@code millis}: the host clock in ms. */
    public SimNetwork(OvsDatabase db, LinkTable links, Ifupdown2State state, ConfigFiles files, Supplier<String> isoTime,
                      Supplier<Long> millis) {
        this(db, links, state, files, isoTime, millis, null);
    }

    /** As above, with ifupdown2's commands run through {@code runner} (e.g. the SimHost, to log them). */
    public SimNetwork(OvsDatabase db, LinkTable links, Ifupdown2State state, ConfigFiles files, Supplier<String> isoTime,
                      Supplier<Long> millis, Ifupdown2.CommandRunner runner) {
        this.db = db;
        this.links = links;
        this.state = state;
        this.files = files;
        this.isoTime = isoTime;
        this.millis = millis;
        this.runner = runner != null ? runner : argv -> run(argv).orElseGet(() ->
                new CommandResult(argv, 127, "", "/bin/sh: 1: " + argv.get(0) + ": not found\n"));
    }

    public OvsDatabase database() {
        return db;
    }

    public Ifupdown2State ifupdown2State() {
        return state;
    }

    /** The result of one of the commands above, or empty when argv is not one of them. */
    public Optional<CommandResult> run(List<String> argv) {
        if (argv.isEmpty()) return Optional.empty();
        String prog = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        return switch (prog) {
            case "ovs-vsctl" -> Optional.of(new OvsVsctl(db, links, isoTime).run(argv));
            case "ovs-appctl" -> Optional.of(new OvsAppctl(db, links, isoTime, millis).run(argv));
            case "ifup", "ifdown", "ifreload" -> Optional.of(new Ifupdown2(files, links, runner, state, this::netdevsChanged).run(argv));
            case "systemctl" -> OvsSystemctl.run(db, links, argv);
            default -> Optional.empty();
        };
    }

    /**
     * Tell the simulated ovs-vswitchd that netdevs changed (a representor appeared or vanished, a cable was
     * pulled, a Linux bond was created): it reopens missing interfaces and re-runs bonds and LACP, as the real
     * daemon does on netlink notifications.
     */
    public void netdevsChanged() {
        Vswitchd.reconfigure(db, links);
    }
}
