package dev.sriovctl.verify;

import dev.sriovctl.observe.DatapathFlow;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.VswitchdLog;

import java.util.List;

/**
 * ovs-offload-active: ovs-vswitchd really runs with the flow API, with the tc-policy the database holds.
 * OVS documents that changing hw-offload needs a restart (vswitch.xml); OVS 3.1 turns the flow API on at
 * runtime once, reads tc-policy only at that moment and never turns it off without a restart (observed
 * with Debian 12's 3.1.0: changing tc-policy later logs nothing and changes nothing).
 */
final class OvsOffloadActiveCheck extends DescribedCheck {

    static final String RESTART = CheckResult.fix(null, "systemctl restart ovs-vswitchd (VM traffic through OVS pauses for a few seconds)");

    OvsOffloadActiveCheck() {
        super("ovs-offload-active", CheckArea.OVS,
                "ovs-vswitchd runs with the flow API enabled and the configured tc-policy (it was restarted after they were set)",
                "/var/log/openvswitch/ovs-vswitchd.log, ovs-appctl dpctl/dump-flows -m");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(OvsRunningCheck.SUBJECT, why));
        if (!ctx.hwOffloadOn()) return List.of(skip(OvsRunningCheck.SUBJECT, "hw-offload is not true: no flow API to be active (see ovs-hw-offload)"));
        String configured = ctx.inventory().ovs().otherConfig().getOrDefault("tc-policy", "none");
        Observed<VswitchdLog> log = ctx.vswitchdLog();
        if (log.present() && log.value().startLine() != null) {
            VswitchdLog l = log.value();
            if (!l.flowApiEnabled()) {
                return List.of(fail(OvsRunningCheck.SUBJECT, "hw-offload=true in the database, but ovs-vswitchd logged no \"netdev: Flow API Enabled\" since it started (\""
                        + l.startLine() + "\", " + log.origin() + "): it runs without offload", RESTART));
            }
            if (l.policy() != null && !l.policy().equals(configured)) {
                return List.of(fail(OvsRunningCheck.SUBJECT, "ovs-vswitchd runs with tc-policy '" + l.policy() + "' (\"" + l.policyLine() + "\", " + log.origin()
                        + ") but the database now says '" + configured + "': the change takes effect only after a restart", RESTART));
            }
            return List.of(pass(OvsRunningCheck.SUBJECT, "\"" + l.flowApiLine() + "\"" + (l.policyLine() == null ? "" : ", \"" + l.policyLine() + "\"")
                    + " after the last start (" + log.origin() + ")"));
        }
        Observed<List<DatapathFlow>> flows = ctx.datapathFlows();
        String noLog = log.present() ? log.origin() + " holds no start of ovs-vswitchd" : log.missing();
        if (!flows.present()) return List.of(skip(OvsRunningCheck.SUBJECT, noLog + "; " + flows.missing()));
        List<OvsBridge> bridges = ctx.inventory().ovs().bridges();
        if (!bridges.isEmpty() && bridges.stream().allMatch(b -> "netdev".equals(b.datapathType()))) {
            return List.of(skip(OvsRunningCheck.SUBJECT, noLog + "; every bridge uses the userspace datapath (datapath_type=netdev), which TC offload does not serve"));
        }
        long tc = flows.value().stream().filter(f -> "tc".equals(f.dp())).count();
        if (tc > 0) return List.of(pass(OvsRunningCheck.SUBJECT, tc + " of " + flows.value().size() + " datapath flows are in TC (" + flows.origin() + "): the flow API is active"));
        if (flows.value().isEmpty()) return List.of(skip(OvsRunningCheck.SUBJECT, noLog + "; " + flows.origin() + " listed no flow (no traffic in the last 10 s)"));
        return List.of(fail(OvsRunningCheck.SUBJECT, "none of the " + flows.value().size() + " datapath flows is in TC (all dp:ovs, " + flows.origin()
                + ") although hw-offload=true: ovs-vswitchd was most likely not restarted after enabling it (" + noLog + ")", RESTART));
    }
}
