package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;

import java.util.List;

/** ovs-hw-offload: {@code other_config:hw-offload=true} where offload is wanted. */
final class OvsHwOffloadCheck extends DescribedCheck {

    static final String FIX = CheckResult.fix("sriovctl apply -f spec.yaml (keeps it in the OVS database, which persists)",
            "ovs-vsctl set Open_vSwitch . other_config:hw-offload=true && systemctl restart openvswitch-switch");

    OvsHwOffloadCheck() {
        super("ovs-hw-offload", CheckArea.OVS,
                "other_config:hw-offload=true (wanted by the spec, or as found when a PF is in switchdev)",
                "ovs-vsctl --format=json --data=json list Open_vSwitch");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(OvsRunningCheck.SUBJECT, why));
        String value = ctx.inventory().ovs().otherConfig().get("hw-offload");
        String origin = ctx.host().originOf(CommandCatalog.ovsList("Open_vSwitch"));
        String seen = (value == null ? "other_config:hw-offload is absent" : "other_config:hw-offload=" + value) + " (" + origin + ")";
        Boolean spec = ctx.expectations().map(Expectations::ovs).map(Expectations.OvsExpectation::hwOffload).orElse(null);
        boolean switchdev = ctx.judgedPfs().stream().anyMatch(p -> p.eswitchMode() == EswitchMode.SWITCHDEV);
        boolean wanted = spec != null ? spec : switchdev;
        if (!wanted) {
            if (spec != null) return List.of("true".equals(value) ? fail(OvsRunningCheck.SUBJECT, seen + "; " + ctx.specName() + " turns it off",
                    CheckResult.fix("sriovctl apply -f spec.yaml", "ovs-vsctl remove Open_vSwitch . other_config hw-offload && systemctl restart openvswitch-switch"))
                    : pass(OvsRunningCheck.SUBJECT, seen + ", as " + ctx.specName() + " wants"));
            return List.of(skip(OvsRunningCheck.SUBJECT, seen + "; no PF is in switchdev mode and there is no spec, so hardware offload is not in use"));
        }
        if ("true".equals(value)) return List.of(pass(OvsRunningCheck.SUBJECT, seen));
        return List.of(fail(OvsRunningCheck.SUBJECT, seen + (spec != null ? "; " + ctx.specName() + " wants true"
                : "; a PF is in switchdev mode, but OVS keeps every flow in software"), FIX));
    }
}
