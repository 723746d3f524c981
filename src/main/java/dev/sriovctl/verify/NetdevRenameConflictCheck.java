package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogSignature;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.UdevRule;
import dev.sriovctl.observe.UdevRulesParser;

import java.util.ArrayList;
import java.util.List;

/**
 * netdev-rename-conflict (beyond DESIGN's table): no interface rename failed with "File exists", and no
 * udev rule that names a PF by its PCI address would also catch its representors. VF representors share
 * the PF's PCI parent, so a rule matching only KERNELS=="<pf>" can give a representor the PF's name first
 * (Mellanox/nic-configuration-operator PR #474).
 */
final class NetdevRenameConflictCheck extends DescribedCheck {

    NetdevRenameConflictCheck() {
        super("netdev-rename-conflict", CheckArea.ESWITCH,
                "no rename failed with \"File exists\" and no NAME rule keyed on a switchdev PF's PCI address lacks a phys_port_name condition",
                "dmesg, journalctl -b (systemd-udevd), /etc/udev/rules.d/*.rules");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<CheckResult> out = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (Observed<List<KernelLogLine>> log : List.of(ctx.kernelLog(), ctx.bootJournal())) {
            if (!log.present()) continue;
            read.add(log.origin());
            for (KernelLogSignature.Match m : KernelLogSignature.find(log.value(), KernelLogSignature.Area.NAMING)) {
                out.add(fail("kernel log", DoctorContext.quote(m, log.origin()), m.signature().fix()));
            }
        }
        Observed<List<UdevRule>> rules = ctx.udevRules();
        if (rules.present()) {
            read.add(rules.origin());
            for (UdevRule r : rules.value()) {
                if (r.assignment("NAME").isEmpty() || !r.matches("ATTR", "phys_port_name").isEmpty()
                        || r.keys().stream().anyMatch(k -> k.name().equals("TEST") && "phys_port_name".equals(k.value()))) {
                    continue;
                }
                for (UdevRule.Key k : r.matches("KERNELS", null)) {
                    if (!k.op().equals("==")) continue;
                    for (Pf pf : ctx.inventory().pfs()) {
                        if (pf.eswitchMode() != EswitchMode.SWITCHDEV || !UdevRulesParser.globMatches(k.value(), pf.pci())) continue;
                        out.add(warn("udev rule " + r.location(), r.location() + " sets " + r.assignment("NAME").get().text() + " for "
                                        + k.text() + " without a phys_port_name condition; " + DoctorContext.subject(pf)
                                        + " is in switchdev, so its representors match the rule too and can take the name first (rename fails with \"File exists\")",
                                CheckResult.fix("sriovctl apply -f spec.yaml (its PF rules match ATTR{phys_port_name}==\"p[0-9]*\")",
                                        "add ATTR{phys_port_name}==\"p[0-9]*\" to the rule in " + r.file())));
                    }
                }
            }
        }
        if (!out.isEmpty()) return out;
        if (read.isEmpty()) {
            return List.of(skip("host", ctx.kernelLog().missing() + "; " + ctx.bootJournal().missing() + "; " + rules.missing()));
        }
        return List.of(pass("host", "no \"Failed to rename ... File exists\" and no PF naming rule that also matches representors in "
                + String.join(", ", read)));
    }
}
