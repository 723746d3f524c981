package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.IfaceStanza;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.SysfsLayout;
import dev.sriovctl.observe.UdevRule;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * representors-named: every VF of a switchdev PF has its representor, under the name the spec (or, as found,
 * the host's udev rules) gives it, and every OVS port the interfaces files add exists.
 */
final class RepresentorsNamedCheck extends DescribedCheck {

    RepresentorsNamedCheck() {
        super("representors-named", CheckArea.ESWITCH,
                "every VF representor exists under its expected name (spec, or the NAME the host's udev rules give it) and every OVSPort of /etc/network/interfaces exists",
                "/sys/class/net/*/phys_port_name, phys_switch_id, /etc/udev/rules.d, /etc/network/interfaces(.d)");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        List<CheckResult> out = new ArrayList<>();
        Observed<List<UdevRule>> rules = ctx.udevRules();
        List<String> present = new ArrayList<>();
        for (Pf pf : ctx.judgedPfs()) {
            if (pf.eswitchMode() != EswitchMode.SWITCHDEV || pf.vfs().isEmpty()) continue;
            List<String> ok = new ArrayList<>();
            for (Vf vf : pf.vfs()) {
                String subject = "VF " + vf.index() + " of " + DoctorContext.subject(pf);
                if (vf.representor() == null) {
                    out.add(fail(subject, "no representor: no netdev with phys_port_name pf" + portIndex(pf) + "vf" + vf.index()
                                    + (pf.switchId() == null ? "" : " and phys_switch_id " + pf.switchId()) + " under "
                                    + ctx.host().originOfFile(SysfsLayout.pciDevice(pf.pci()) + "/net"),
                            CheckResult.fix("sriovctl apply -f spec.yaml", "udevadm settle; check 'devlink port show' lists pf"
                                    + portIndex(pf) + "vf" + vf.index() + "; switching the PF to legacy and back to switchdev re-creates the representors")));
                    continue;
                }
                present.add(vf.representor());
                Expected e = expected(ctx, pf, vf, rules);
                if (e != null && !e.name().equals(vf.representor())) {
                    String nameType = ctx.attribute(SysfsLayout.netdev(vf.representor()) + "/name_assign_type");
                    out.add(fail(subject, "representor is " + vf.representor() + ", but " + e.from() + " names it " + e.name()
                                    + (nameType == null ? "" : " (name_assign_type " + nameType + ")"),
                            CheckResult.fix("sriovctl apply -f spec.yaml (renders one rule file per PF from the discovered switch id)",
                                    "correct the rule, then udevadm control --reload && udevadm trigger --action=add --subsystem-match=net; "
                                            + "'udevadm test " + SysfsLayout.netdev(vf.representor()) + "' shows which rule wins")));
                } else {
                    ok.add("pf" + portIndex(pf) + "vf" + vf.index() + "=" + vf.representor() + (e == null ? "" : " (" + e.from() + ")"));
                }
            }
            if (!ok.isEmpty()) out.add(pass(DoctorContext.subject(pf), String.join(", ", ok)));
        }
        out.addAll(danglingPorts(ctx, present));
        if (out.isEmpty()) {
            return List.of(skip("host", "no PF in switchdev mode with VFs, so no representor to judge"
                    + (ctx.interfaces().present() ? "" : "; " + ctx.interfaces().missing())));
        }
        return out;
    }

    private record Expected(String name, String from) {
    }

    private Expected expected(DoctorContext ctx, Pf pf, Vf vf, Observed<List<UdevRule>> rules) {
        Optional<String> spec = ctx.expectationFor(pf).map(e -> e.representorNames().get(vf.index()));
        if (spec.isPresent()) return new Expected(spec.get(), ctx.specName());
        if (!rules.present()) return null;
        return UdevNaming.name(ctx, rules.value(), vf.representor())
                .filter(o -> o.applies() && o.decided())
                .map(o -> new Expected(o.name(), "udev rule " + o.rule().location()))
                .orElse(null);
    }

    /** OVSPort stanzas that name a netdev this host does not have: the port is never added. */
    private List<CheckResult> danglingPorts(DoctorContext ctx, List<String> representors) {
        Observed<List<IfaceStanza>> ifaces = ctx.interfaces();
        if (!ifaces.present()) return List.of();
        List<CheckResult> out = new ArrayList<>();
        for (IfaceStanza s : ifaces.value()) {
            if (!s.option("ovs_type").map("OVSPort"::equals).orElse(false)) continue;
            if (ctx.host().exists(SysfsLayout.netdev(s.name()))) continue;
            out.add(fail("iface " + s.name() + " (" + s.location() + ")",
                    s.location() + " adds " + s.name() + " to " + s.option("ovs_bridge").orElse("a bridge")
                            + ", but no netdev " + s.name() + " exists on " + ctx.host().description()
                            + (representors.isEmpty() ? " (no VF representor exists at all)"
                            : "; the representors here are " + representors.stream().collect(Collectors.joining(", "))),
                    CheckResult.fix("sriovctl apply -f spec.yaml (names and stanzas from discovery)",
                            "make the udev rule that names the representors match this NIC (see switch-id-consistent), or use the existing names in " + s.file())));
        }
        return out;
    }

    /** The PF's port number as representors name it ({@code pf0vf1}): from phys_port_name p0, else the PCI function. */
    static int portIndex(Pf pf) {
        Integer n = pf.portNumber();
        return n != null ? n : Integer.parseInt(pf.pci().substring(pf.pci().length() - 1));
    }
}
