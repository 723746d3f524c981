package dev.sriovctl.render;

import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetPf;
import dev.sriovctl.spec.TargetVf;

import java.util.ArrayList;
import java.util.List;

/**
 * udev rules naming PFs and VF representors, one file per PF under /etc/udev/rules.d/.
 *
 * <p>Rules match the PF's PCI address ({@code KERNELS}: representors share the PF as parent
 * device) and {@code phys_port_name}; never {@code phys_switch_id}, which changes with the e-switch
 * mode and with VF-LAG (the guide's rule keys on a switch id its own host did not report). The PF
 * rule matches {@code p[0-9]*} only, so it cannot catch a representor (nic-configuration-operator
 * PR #474: "File exists" renames). Representor rules are one literal line each: no helper program,
 * nothing to race (sriov-network-operator PR #29). {@code NAME:=} is final, so a later rule cannot
 * undo it: Proxmox VE 9's {@code 70-virtual-function-pinning.rules} assigns {@code NAME="%c"} from a
 * helper that prints nothing for representors (pve-manager configs/virtual-function-pinning.rules),
 * which is why the guide's {@code 70-persistent-net-vf.rules} names were lost on PVE 9.
 */
public final class UdevRulesRenderer {
    private UdevRulesRenderer() {
    }

    public static final String DIR = "/etc/udev/rules.d";
    /** After Proxmox's 70-* rules and before systemd's 73-/75-/80- ones. */
    public static final String PREFIX = "71-sriovctl-";

    public static String path(String pfPci) {
        return DIR + "/" + PREFIX + pfPci + ".rules";
    }

    /** Whether a rules file name is one of ours. */
    public static boolean isOurs(String fileName) {
        return fileName.startsWith(PREFIX) && fileName.endsWith(".rules");
    }

    public static List<RenderedFile> render(Target target) {
        List<RenderedFile> out = new ArrayList<>();
        for (TargetPf pf : target.pfs()) out.add(render(pf));
        return out;
    }

    static RenderedFile render(TargetPf pf) {
        StringBuilder sb = new StringBuilder();
        sb.append(RenderedFile.HEADER).append(": do not edit. 'sriovctl apply' writes this file from /etc/sriovctl/spec.yaml;\n");
        sb.append("# 'sriovctl plan' shows every change first. PF ").append(pf.pci()).append(" (NIC ").append(pf.nic())
                .append(", port ").append(pf.portName()).append(").\n");
        sb.append("# Keys: PCI address and phys_port_name, never phys_switch_id (it changes with the e-switch mode and\n");
        sb.append("# with VF-LAG). NAME:= is final, so no later rule can reset the name.\n");
        sb.append("\n# The PF keeps its name across e-switch mode changes (p[0-9]* never matches a representor).\n");
        if (pf.netdev() != null) sb.append(line(pf.pci(), "p[0-9]*", pf.netdev()));
        else sb.append("# (the PF has no netdev now: its name is not pinned)\n");
        List<TargetVf> reps = pf.vfs().stream().filter(v -> v.representor() != null).toList();
        if (!reps.isEmpty()) {
            sb.append("\n# VF representors (switchdev), one literal name each.\n");
            for (TargetVf v : reps) sb.append(line(pf.pci(), v.portName(), v.representor()));
        }
        return new RenderedFile(path(pf.pci()), sb.toString(), 0644);
    }

    private static String line(String pci, String portName, String name) {
        return "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"" + pci + "\", ATTR{phys_port_name}==\"" + portName
                + "\", NAME:=\"" + name + "\"\n";
    }
}
