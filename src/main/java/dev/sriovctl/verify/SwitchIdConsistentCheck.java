package dev.sriovctl.verify;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.UdevRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * switch-id-consistent: every switch id a udev rule matches on exists on this host. The guide's own rule
 * keys on 52ac120003bd70c4 while its NIC reported 3264160003bd70c4: such a rule silently never fires.
 */
final class SwitchIdConsistentCheck extends DescribedCheck {

    SwitchIdConsistentCheck() {
        super("switch-id-consistent", CheckArea.ESWITCH,
                "every phys_switch_id a udev rule matches on is the switch id of a NIC on this host",
                "/etc/udev/rules.d/*.rules, /sys/class/net/<pf>/phys_switch_id");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Observed<List<UdevRule>> rules = ctx.udevRules();
        if (!rules.present()) return List.of(skip("udev rules", rules.missing()));
        Map<String, List<String>> hostIds = new LinkedHashMap<>();
        for (Pf pf : ctx.inventory().pfs()) {
            if (pf.switchId() != null) hostIds.computeIfAbsent(pf.switchId(), k -> new ArrayList<>()).add(pf.netdev() == null ? pf.pci() : pf.netdev());
        }
        String known = hostIds.isEmpty() ? "no netdev on this host reports a phys_switch_id"
                : "this host's switch ids are " + hostIds.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", "));
        List<CheckResult> out = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (UdevRule r : rules.value()) {
            for (UdevRule.Key k : r.matches("ATTR", "phys_switch_id")) {
                if (!k.op().equals("==")) continue;
                if (hostIds.containsKey(k.value())) {
                    good.add(r.location() + " " + k.text());
                    continue;
                }
                String effect = r.keys().stream().filter(x -> !x.isMatch()).map(UdevRule.Key::text).collect(Collectors.joining(", "));
                String replace = hostIds.size() == 1 ? hostIds.keySet().iterator().next() : "<the switch id of your NIC>";
                out.add(fail("udev rule " + r.location(), r.location() + " matches " + k.text() + ", but " + known
                                + ": the rule never fires" + (effect.isEmpty() ? "" : " (so " + effect + " never happens)"),
                        CheckResult.fix("sriovctl apply -f spec.yaml (renders the rules from the switch id discovery reports)",
                                "sed -i 's/" + k.value() + "/" + replace + "/' " + r.file()
                                        + " && udevadm control --reload && udevadm trigger --action=add --subsystem-match=net")));
            }
        }
        if (!out.isEmpty()) return out;
        if (good.isEmpty()) {
            return List.of(pass("udev rules", "no rule in " + rules.origin() + " matches on phys_switch_id (" + rules.value().size() + " rules read)"));
        }
        return List.of(pass("udev rules", String.join("; ", good) + ": " + known));
    }
}
