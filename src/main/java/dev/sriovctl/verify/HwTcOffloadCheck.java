package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.EthtoolFeatures;
import dev.sriovctl.observe.Pf;

import java.util.ArrayList;
import java.util.List;

/**
 * hw-tc-offload (beyond DESIGN's table): each switchdev PF has the ethtool feature hw-tc-offload on; with it
 * off the kernel refuses every TC flow for the NIC (os-net-config and sriov-network-operator both turn it on).
 */
final class HwTcOffloadCheck extends DescribedCheck {

    HwTcOffloadCheck() {
        super("hw-tc-offload", CheckArea.OFFLOAD, "each switchdev PF has the ethtool feature hw-tc-offload on",
                "ethtool -k <pf>");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<CheckResult> out = new ArrayList<>();
        for (Pf pf : ctx.judgedPfs()) {
            if (pf.eswitchMode() != EswitchMode.SWITCHDEV || pf.netdev() == null) continue;
            String subject = DoctorContext.subject(pf);
            Observed<EthtoolFeatures> f = ctx.features(pf.netdev());
            if (!f.present()) {
                out.add(skip(subject, f.missing()));
                continue;
            }
            EthtoolFeatures.Feature tc = f.value().feature("hw-tc-offload").orElse(null);
            if (tc == null || tc.on() == null) {
                out.add(skip(subject, f.origin() + (tc == null ? " does not list hw-tc-offload" : " shows hw-tc-offload as '" + tc.raw() + "', not on/off")));
            } else if (tc.on()) {
                out.add(pass(subject, "hw-tc-offload: " + tc.raw() + " (" + f.origin() + ")"));
            } else {
                out.add(fail(subject, "hw-tc-offload: " + tc.raw() + " (" + ctx.host().originOf(CommandCatalog.ethtoolFeatures(pf.netdev()))
                                + "): the kernel refuses TC flows for this port, nothing is offloaded",
                        CheckResult.fix("sriovctl apply -f spec.yaml", "ethtool -K " + pf.netdev() + " hw-tc-offload on")));
            }
        }
        if (out.isEmpty()) return List.of(skip("host", "no PF in switchdev mode"));
        return out;
    }
}
