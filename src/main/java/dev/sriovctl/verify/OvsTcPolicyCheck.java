package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/** ovs-tc-policy: {@code other_config:tc-policy} is as spec'd (default skip_sw). */
final class OvsTcPolicyCheck extends DescribedCheck {

    static final String DEFAULT = "skip_sw";

    OvsTcPolicyCheck() {
        super("ovs-tc-policy", CheckArea.OVS,
                "other_config:tc-policy is as spec'd (default skip_sw); OVS's own default is none",
                "ovs-vsctl --format=json --data=json list Open_vSwitch");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        String why = ctx.ovsUnavailable();
        if (why != null) return List.of(skip(OvsRunningCheck.SUBJECT, why));
        String origin = ctx.host().originOf(CommandCatalog.ovsList("Open_vSwitch"));
        if (!ctx.hwOffloadOn()) {
            return List.of(skip(OvsRunningCheck.SUBJECT, "hw-offload is not true (" + origin + "): tc-policy is only read with hardware offload (see ovs-hw-offload)"));
        }
        String value = ctx.inventory().ovs().otherConfig().get("tc-policy");
        String actual = value == null ? "none" : value;
        String spec = ctx.expectations().map(Expectations::ovs).map(Expectations.OvsExpectation::tcPolicy).orElse(null);
        String wanted = spec == null ? DEFAULT : spec;
        String seen = (value == null ? "other_config:tc-policy is absent, so OVS uses none" : "other_config:tc-policy=" + value) + " (" + origin + ")";
        if (actual.equals(wanted)) return List.of(pass(OvsRunningCheck.SUBJECT, seen));
        String fix = CheckResult.fix("sriovctl apply -f spec.yaml",
                "ovs-vsctl set Open_vSwitch . other_config:tc-policy=" + wanted + " && systemctl restart ovs-vswitchd (OVS reads tc-policy only when the flow API starts)");
        String evidence = seen + "; " + (spec != null ? ctx.specName() + " wants " + wanted
                : "sriovctl's default is skip_sw (rules only in hardware; a flow the NIC refuses stays in the OVS datapath, where dump-flows shows it) "
                + "while none also keeps refused rules in the kernel's software TC");
        return List.of(spec != null ? fail(OvsRunningCheck.SUBJECT, evidence, fix) : warn(OvsRunningCheck.SUBJECT, evidence, fix));
    }
}
