package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.OvsState;

import java.util.List;

/** ovs-running: ovsdb-server and ovs-vswitchd answer. */
final class OvsRunningCheck extends DescribedCheck {

    static final String SUBJECT = "Open vSwitch";

    OvsRunningCheck() {
        super("ovs-running", CheckArea.OVS, "ovsdb-server and ovs-vswitchd answer",
                "ovs-vsctl --format=json --data=json list Open_vSwitch, ovs-appctl bond/show, ovs-appctl dpctl/dump-flows -m");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        OvsState ovs = ctx.inventory().ovs();
        String fix = CheckResult.fix(null, "systemctl restart openvswitch-switch; journalctl -u ovsdb-server -u ovs-vswitchd -b");
        if (ovs.running() == null) return List.of(skip(SUBJECT, ctx.ovsUnavailable()));
        if (!ovs.running()) {
            return List.of(fail(SUBJECT, "ovsdb-server does not answer: " + ctx.output(CommandCatalog.ovsList("Open_vSwitch")).missing(), fix));
        }
        String db = "ovsdb-server answers (" + ctx.host().originOf(CommandCatalog.ovsList("Open_vSwitch"))
                + (ovs.version() == null ? "" : ", Open vSwitch " + ovs.version()) + ")";
        for (List<String> argv : List.of(CommandCatalog.ovsBondShow(), CommandCatalog.ovsDumpFlows())) {
            Observed<String> r = ctx.output(argv);
            if (r.present()) return List.of(pass(SUBJECT, db + "; ovs-vswitchd answers (" + r.origin() + ")"));
            if (r.missing().contains("failed with exit")) {
                return List.of(fail(SUBJECT, db + ", but ovs-vswitchd does not: " + r.missing(), fix));
            }
        }
        return List.of(pass(SUBJECT, db + "; whether ovs-vswitchd answers is not known: "
                + ctx.output(CommandCatalog.ovsBondShow()).missing()));
    }
}
